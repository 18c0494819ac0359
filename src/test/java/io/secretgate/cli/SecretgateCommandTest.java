package io.secretgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command tree itself: groups without a subcommand, bad flags, help. */
class SecretgateCommandTest {

  @ParameterizedTest(name = "''{0}'' without a subcommand exits 2 with the usage on stderr")
  @CsvSource(delimiter = '|', textBlock = """
      secretgate        | ''                 | validate, render, review, policy, certs, serve, help
      secretgate policy | policy             | capabilities
      secretgate certs  | certs              | generate
      """)
  void a_command_that_only_groups_subcommands_is_a_usage_error_without_one(String command, String args, String subcommands) {
    CliRun run = CliRun.of(args.isEmpty() ? new String[0] : new String[] {args});
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("secretgate: '" + command + "' needs a subcommand: " + subcommands + "\nUsage: " + command + " ");
  }

  @Test
  void a_bad_flag_is_one_line_that_says_which_help_to_read() {
    CliRun run = CliRun.of("validate", "--bogus", "x");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err()).isEqualTo("secretgate: Unknown option: '--bogus' (see 'secretgate validate --help')\n");
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      policy capabilities | '--policy' (FILE) | policy capabilities --policy EMPTY secret/data/x
      validate            | '--policy' (FILE) | validate --policy EMPTY examples/manifests/
      render              | '--vault-data'    | render --file examples/manifests/apps/payments.yaml --store examples/manifests/stores/vault-backend.yaml --vault-data EMPTY
      review              | '--request'       | review --request EMPTY
      certs generate      | '--out'           | certs generate --service webhook --namespace tools --out EMPTY
      """)
  void an_empty_file_option_which_an_unset_shell_variable_gives_is_a_usage_error_naming_the_option(String command, String option, String args) {
    CliRun run = CliRun.of(Arrays.stream(args.split(" ")).map(a -> a.equals("EMPTY") ? "" : a).toArray(String[]::new));
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("secretgate: Invalid value for option " + option + ": an empty path names no file or directory"
        + " (see 'secretgate " + command + " --help')\n");
  }

  @Test
  void a_mistyped_subcommand_is_one_line_with_the_suggestion() {
    CliRun run = CliRun.of("policy", "capa");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err()).isEqualTo("secretgate: Unmatched argument at index 1: 'capa'; did you mean capabilities? "
        + "(see 'secretgate policy --help')\n");
  }

  @Test
  void asking_for_help_still_prints_the_usage_on_stdout_and_exits_0() {
    CliRun run = CliRun.of("--help");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).startsWith("Usage: secretgate ");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void running_out_of_memory_on_a_large_input_is_one_line_that_says_how_to_give_more_and_exits_2() {
    InputStream stdin = System.in;
    System.setIn(new InputStream() {
      @Override
      public int read() {
        throw new OutOfMemoryError("Java heap space");
      }
    });
    try {
      CliRun run = CliRun.of("validate", "-");
      assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
      assertThat(run.err()).isEqualTo("secretgate: out of memory (the Java heap is full): give the JVM more,"
          + " e.g. JAVA_OPTS=-Xmx2g for bin/secretgate, or pass fewer or smaller files at a time\n");
    } finally {
      System.setIn(stdin);
    }
  }
}
