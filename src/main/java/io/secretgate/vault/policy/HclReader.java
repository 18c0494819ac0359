package io.secretgate.vault.policy;

import io.secretgate.vault.policy.HclToken.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses HCL v1 source into an {@link Hcl} tree, following the grammar of HashiCorp's HCL v1
 * parser: items are {@code key = value} or {@code key "label"... { ... }}, optionally separated by
 * commas; lists allow trailing (and stray) commas; values are literals, lists or objects.
 */
final class HclReader {
  /** How deep objects and lists may nest: as deep as Jackson lets a JSON policy nest. */
  private static final int MAX_DEPTH = 500;

  private final HclLexer lexer;
  private HclToken lookahead;
  private int depth;

  private HclReader(String text) {
    this.lexer = new HclLexer(text);
  }

  static Hcl.ObjectValue read(String text) throws PolicyParseException {
    HclReader reader = new HclReader(text);
    return new Hcl.ObjectValue(reader.items(null), new Hcl.Pos(1, 1));
  }

  private HclToken peek() throws PolicyParseException {
    if (lookahead == null) {
      lookahead = lexer.next();
    }
    return lookahead;
  }

  private HclToken take() throws PolicyParseException {
    HclToken token = peek();
    lookahead = null;
    return token;
  }

  /** The items up to the end of the file ({@code open == null}) or up to the matching '}'. */
  private List<Hcl.Item> items(HclToken open) throws PolicyParseException {
    if (open != null) {
      enter(open);
    }
    List<Hcl.Item> items = new ArrayList<>();
    while (true) {
      HclToken next = peek();
      if (next.is(Type.EOF)) {
        if (open != null) {
          throw new PolicyParseException(open.pos(), "'{' is never closed");
        }
        return items;
      }
      if (next.is(Type.RBRACE)) {
        if (open == null) {
          throw new PolicyParseException(next.pos(), "unexpected '}'");
        }
        take();
        depth--;
        return items;
      }
      items.add(item());
      if (peek().is(Type.COMMA)) {
        take();
      }
    }
  }

  private Hcl.Item item() throws PolicyParseException {
    List<Hcl.Key> keys = new ArrayList<>();
    while (peek().is(Type.IDENT) || peek().is(Type.STRING)) {
      HclToken key = take();
      keys.add(new Hcl.Key(key.value(), key.pos()));
    }
    HclToken next = take();
    if (keys.isEmpty()) {
      throw new PolicyParseException(next.pos(), "expected a key, found " + next.describe());
    }
    if (next.is(Type.ASSIGN)) {
      if (keys.size() > 1) {
        throw new PolicyParseException(next.pos(),
            "expected '{' after the labels of '" + keys.get(0).name() + "', found " + next.describe());
      }
      return new Hcl.Item(keys, value());
    }
    if (next.is(Type.LBRACE)) {
      return new Hcl.Item(keys, new Hcl.ObjectValue(items(next), next.pos()));
    }
    String lastKey = keys.get(keys.size() - 1).name();
    throw new PolicyParseException(
        next.pos(), "expected '=' or '{' after '" + lastKey + "', found " + next.describe());
  }

  private Hcl.Value value() throws PolicyParseException {
    HclToken token = take();
    if (token.isLiteral()) {
      return literal(token);
    }
    if (token.is(Type.LBRACE)) {
      return new Hcl.ObjectValue(items(token), token.pos());
    }
    if (token.is(Type.LBRACK)) {
      return list(token);
    }
    throw new PolicyParseException(token.pos(), "expected a value, found " + token.describe());
  }

  private Hcl.ListValue list(HclToken open) throws PolicyParseException {
    enter(open);
    List<Hcl.Value> elements = new ArrayList<>();
    boolean needComma = false;
    while (true) {
      HclToken token = peek();
      switch (token.type()) {
        case EOF -> throw new PolicyParseException(open.pos(), "'[' is never closed");
        case RBRACK -> {
          take();
          depth--;
          return new Hcl.ListValue(elements, open.pos());
        }
        case COMMA -> {
          take();
          needComma = false;
        }
        case BOOL, NUMBER, FLOAT, STRING, HEREDOC, LBRACE, LBRACK -> {
          if (needComma) {
            throw new PolicyParseException(
                token.pos(), "expected ',' or ']' in list, found " + token.describe());
          }
          elements.add(value());
          needComma = true;
        }
        default -> throw new PolicyParseException(token.pos(), "unexpected " + token.describe() + " in list");
      }
    }
  }

  /**
   * Enters the object or list {@code open} opens; one nested absurdly deep (a generated or broken
   * file) is refused there rather than overflowing the stack.
   */
  private void enter(HclToken open) throws PolicyParseException {
    if (++depth > MAX_DEPTH) {
      throw new PolicyParseException(open.pos(), "nested more than " + MAX_DEPTH + " levels deep");
    }
  }

  private static Hcl.Literal literal(HclToken token) {
    Hcl.LiteralKind kind = switch (token.type()) {
      case STRING -> Hcl.LiteralKind.STRING;
      case HEREDOC -> Hcl.LiteralKind.HEREDOC;
      case NUMBER -> Hcl.LiteralKind.NUMBER;
      case FLOAT -> Hcl.LiteralKind.FLOAT;
      default -> Hcl.LiteralKind.BOOL;
    };
    return new Hcl.Literal(kind, token.value(), token.pos());
  }
}
