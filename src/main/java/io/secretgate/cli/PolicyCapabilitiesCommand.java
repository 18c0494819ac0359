package io.secretgate.cli;

import io.secretgate.vault.policy.Acl;
import io.secretgate.vault.policy.Policy;
import io.secretgate.vault.policy.PolicyFiles;
import io.secretgate.vault.policy.PolicyParseException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code secretgate policy capabilities}: what {@code sys/capabilities-self} would answer for a
 * token holding the given policies, computed offline.
 */
@Command(name = "capabilities", mixinStandardHelpOptions = true,
    description = "Print what a set of Vault policies grants on each path, as sys/capabilities-self would.")
public final class PolicyCapabilitiesCommand implements Callable<Integer> {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--policy", paramLabel = "FILE", required = true,
      description = "A Vault policy file (HCL or JSON); its name is the file name without .hcl/.json."
          + " Repeat for each policy the token holds. A file named root.hcl is the root policy.")
  List<Path> policyFiles;

  @Parameters(paramLabel = "PATH", arity = "1..*",
      description = "A Vault API path to ask about; end a directory with / to ask about LIST.")
  List<String> paths;

  @Override
  public Integer call() {
    Acl acl = Acl.of(PolicyLoading.load(policyFiles));
    Map<String, List<String>> answer = new LinkedHashMap<>();
    for (String path : paths) {
      if (Acl.queryPath(path).isEmpty()) {
        // sys/capabilities-self answers 400 "missing path" for it, not a capability list
        throw new InputException("PATH \"" + path + "\": missing path (Vault refuses an empty path)");
      }
      answer.putIfAbsent(Acl.queryPath(path), acl.capabilities(path));
    }
    spec.commandLine().getOut().println(JSON.writeValueAsString(answer));
    return ExitCodes.OK;
  }
}
