package io.secretgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
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
