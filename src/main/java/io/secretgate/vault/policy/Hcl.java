package io.secretgate.vault.policy;

import java.util.List;

/**
 * The syntax tree that both policy syntaxes (HCL v1 and JSON) are read into before the policy
 * rules are checked, with the source position of every token for error messages.
 */
final class Hcl {
  private Hcl() {}

  /** A 1-based source position. */
  record Pos(int line, int column) {}

  /** A value on the right of {@code =}, or a block body. */
  sealed interface Value permits Literal, ListValue, ObjectValue {
    Pos pos();
  }

  enum LiteralKind {
    STRING,
    HEREDOC,
    NUMBER,
    FLOAT,
    BOOL,
    NULL
  }

  /**
   * A scalar. {@code text} is the decoded value for strings and heredocs and the source text for
   * numbers and booleans (what HCL's decoder turns into a Go string).
   */
  record Literal(LiteralKind kind, String text, Pos pos) implements Value {
    boolean isStringLike() {
      return kind != LiteralKind.NULL;
    }
  }

  record ListValue(List<Value> elements, Pos pos) implements Value {}

  record ObjectValue(List<Item> items, Pos pos) implements Value {}

  /** An object key or block label (unquoted). */
  record Key(String name, Pos pos) {}

  /**
   * {@code key = value} or {@code key "label" ... { ... }}: the first key names the item, any
   * further keys are block labels.
   */
  record Item(List<Key> keys, Value value) {
    Key key() {
      return keys.get(0);
    }

    String name() {
      return key().name();
    }

    boolean hasLabels() {
      return keys.size() > 1;
    }
  }
}
