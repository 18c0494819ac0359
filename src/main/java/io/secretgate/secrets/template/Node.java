package io.secretgate.secrets.template;

import java.util.List;

/** The parse tree of a template. pos is the char index in the template text. */
interface Node {

    int pos();

    /** The node as template text, for messages (template text only, never values). */
    String describe();

    record ListNode(int pos, List<Node> nodes) implements Node {
        public String describe() {
            return "list";
        }
    }

    record TextNode(int pos, byte[] text) implements Node {
        public String describe() {
            return "text";
        }
    }

    record ActionNode(int pos, PipeNode pipe) implements Node {
        public String describe() {
            return "{{" + pipe.describe() + "}}";
        }
    }

    /** {@code if}, {@code with} or {@code range}, each with an optional else list. */
    record ControlNode(int pos, Kind kind, PipeNode pipe, ListNode list, ListNode elseList) implements Node {
        enum Kind { IF, WITH, RANGE }

        public String describe() {
            return "{{" + kind.name().toLowerCase() + " " + pipe.describe() + "}}";
        }
    }

    record BreakNode(int pos) implements Node {
        public String describe() {
            return "{{break}}";
        }
    }

    record ContinueNode(int pos) implements Node {
        public String describe() {
            return "{{continue}}";
        }
    }

    /** Parse-time only: an {{end}}. */
    record EndNode(int pos) implements Node {
        public String describe() {
            return "{{end}}";
        }
    }

    /** Parse-time only: an {{else}}. */
    record ElseNode(int pos) implements Node {
        public String describe() {
            return "{{else}}";
        }
    }

    record PipeNode(int pos, List<CommandNode> commands) implements Node {
        public String describe() {
            StringBuilder b = new StringBuilder();
            for (CommandNode c : commands) {
                if (b.length() > 0) {
                    b.append(" | ");
                }
                b.append(c.describe());
            }
            return b.toString();
        }
    }

    record CommandNode(int pos, List<Node> args) implements Node {
        public String describe() {
            StringBuilder b = new StringBuilder();
            for (Node arg : args) {
                if (b.length() > 0) {
                    b.append(' ');
                }
                b.append(arg instanceof PipeNode ? "(" + arg.describe() + ")" : arg.describe());
            }
            return b.toString();
        }
    }

    /** {@code .a.b}: fields looked up from dot. */
    record FieldNode(int pos, List<String> idents) implements Node {
        public String describe() {
            return "." + String.join(".", idents);
        }
    }

    /** {@code $} or {@code $.a.b}: fields looked up from the data context. */
    record RootNode(int pos, List<String> idents) implements Node {
        public String describe() {
            return idents.isEmpty() ? "$" : "$." + String.join(".", idents);
        }
    }

    /** {@code (pipeline).a.b} or {@code function.a}: fields of a computed value. */
    record ChainNode(int pos, Node base, List<String> idents) implements Node {
        public String describe() {
            String b = base instanceof PipeNode ? "(" + base.describe() + ")" : base.describe();
            return b + "." + String.join(".", idents);
        }
    }

    record IdentifierNode(int pos, String name) implements Node {
        public String describe() {
            return name;
        }
    }

    record DotNode(int pos) implements Node {
        public String describe() {
            return ".";
        }
    }

    record StringNode(int pos, String literal, GoString value) implements Node {
        public String describe() {
            return literal;
        }
    }

    record NumberNode(int pos, String literal, long value) implements Node {
        public String describe() {
            return literal;
        }
    }

    record BoolNode(int pos, boolean value) implements Node {
        public String describe() {
            return Boolean.toString(value);
        }
    }
}
