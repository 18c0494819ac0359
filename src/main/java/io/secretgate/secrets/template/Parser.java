package io.secretgate.secrets.template;

import io.secretgate.secrets.template.Node.ActionNode;
import io.secretgate.secrets.template.Node.BoolNode;
import io.secretgate.secrets.template.Node.BreakNode;
import io.secretgate.secrets.template.Node.ChainNode;
import io.secretgate.secrets.template.Node.CommandNode;
import io.secretgate.secrets.template.Node.ContinueNode;
import io.secretgate.secrets.template.Node.ControlNode;
import io.secretgate.secrets.template.Node.DotNode;
import io.secretgate.secrets.template.Node.ElseNode;
import io.secretgate.secrets.template.Node.EndNode;
import io.secretgate.secrets.template.Node.FieldNode;
import io.secretgate.secrets.template.Node.IdentifierNode;
import io.secretgate.secrets.template.Node.ListNode;
import io.secretgate.secrets.template.Node.NumberNode;
import io.secretgate.secrets.template.Node.PipeNode;
import io.secretgate.secrets.template.Node.RootNode;
import io.secretgate.secrets.template.Node.StringNode;
import io.secretgate.secrets.template.Node.TextNode;
import io.secretgate.secrets.template.Token.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the parse tree with the grammar and the error checks of Go's text/template parser, and
 * rejects every construct outside secretgate's subset with a message naming it.
 */
final class Parser {

    /** Deepest nesting of parentheses and of if/with/range blocks (Go allows more; Java's stack is the limit). */
    static final int MAX_DEPTH = 100;

    private final TemplateText source;
    private final List<Token> tokens;
    private int index;
    private int rangeDepth;
    private int depth;

    private Parser(String text) {
        this.source = new TemplateText(text);
        this.tokens = Lexer.lex(text);
    }

    static ListNode parse(String text) throws TemplateException {
        return new Parser(text).parseTemplate();
    }

    // ------------------------------------------------------------ token access

    private Token next() {
        Token token = peek();
        index++;
        return token;
    }

    private void backup() {
        index--;
    }

    private Token peek() {
        return tokens.get(Math.min(index, tokens.size() - 1));
    }

    private Token nextNonSpace() {
        Token token;
        do {
            token = next();
        } while (token.type() == Type.SPACE);
        return token;
    }

    private Token peekNonSpace() {
        Token token = nextNonSpace();
        backup();
        return token;
    }

    private TemplateException error(int pos, String message) {
        return source.error(pos, message);
    }

    private TemplateException unexpected(Token token, String context) {
        if (token.type() == Type.ERROR) {
            return error(token.pos(), token.text());
        }
        return error(token.pos(), "unexpected " + token.describe() + " in " + context);
    }

    private Token expect(Type type, String context) throws TemplateException {
        Token token = nextNonSpace();
        if (token.type() != type) {
            throw unexpected(token, context);
        }
        return token;
    }

    private TemplateException unsupported(int pos, String construct) {
        return error(pos, "template construct " + TemplateText.quote(construct) + " is not supported by secretgate");
    }

    // ------------------------------------------------------------ structure

    private ListNode parseTemplate() throws TemplateException {
        List<Node> nodes = new ArrayList<>();
        int pos = peek().pos();
        while (peek().type() != Type.EOF) {
            Node n = textOrAction();
            if (n instanceof EndNode || n instanceof ElseNode) {
                throw error(n.pos(), "unexpected " + n.describe());
            }
            nodes.add(n);
        }
        return new ListNode(pos, List.copyOf(nodes));
    }

    /** Items up to an {{end}} or {{else}}, which is returned as the second element. */
    private Node[] itemList() throws TemplateException {
        List<Node> nodes = new ArrayList<>();
        int pos = peekNonSpace().pos();
        while (peekNonSpace().type() != Type.EOF) {
            Node n = textOrAction();
            if (n instanceof EndNode || n instanceof ElseNode) {
                return new Node[] {new ListNode(pos, List.copyOf(nodes)), n};
            }
            nodes.add(n);
        }
        Token eof = peekNonSpace();
        throw error(eof.pos(), "unexpected EOF (an {{if}}, {{with}} or {{range}} is missing its {{end}})");
    }

    private Node textOrAction() throws TemplateException {
        Token token = nextNonSpace();
        switch (token.type()) {
            case TEXT:
                return new TextNode(token.pos(), token.text().getBytes(StandardCharsets.UTF_8));
            case LEFT_DELIM:
                return action();
            default:
                throw unexpected(token, "input");
        }
    }

    private Node action() throws TemplateException {
        Token token = nextNonSpace();
        switch (token.type()) {
            case BLOCK:
            case DEFINE:
            case TEMPLATE:
                throw unsupported(token.pos(), token.text());
            case BREAK:
                return loopControl(token, "{{break}}");
            case CONTINUE:
                return loopControl(token, "{{continue}}");
            case ELSE:
                return elseControl(token);
            case END:
                return new EndNode(expect(Type.RIGHT_DELIM, "end").pos());
            case IF:
                return control(token, ControlNode.Kind.IF);
            case RANGE:
                return control(token, ControlNode.Kind.RANGE);
            case WITH:
                return control(token, ControlNode.Kind.WITH);
            default:
                backup();
                Token first = peek();
                return new ActionNode(first.pos(), pipeline("command", Type.RIGHT_DELIM));
        }
    }

    private Node loopControl(Token keyword, String context) throws TemplateException {
        Token token = nextNonSpace();
        if (token.type() != Type.RIGHT_DELIM) {
            throw unexpected(token, context);
        }
        if (rangeDepth == 0) {
            throw error(keyword.pos(), context + " outside {{range}}");
        }
        return keyword.type() == Type.BREAK ? new BreakNode(keyword.pos()) : new ContinueNode(keyword.pos());
    }

    private Node elseControl(Token keyword) throws TemplateException {
        Token peek = peekNonSpace();
        if (peek.type() == Type.IF || peek.type() == Type.WITH) {
            // "{{else if" / "{{else with": the keyword stays pending for control().
            return new ElseNode(peek.pos());
        }
        return new ElseNode(expect(Type.RIGHT_DELIM, "else").pos());
    }

    private ControlNode control(Token keyword, ControlNode.Kind kind) throws TemplateException {
        String context = kind.name().toLowerCase();
        enter(keyword.pos());
        PipeNode pipe = pipeline(context, Type.RIGHT_DELIM);
        if (kind == ControlNode.Kind.RANGE) {
            rangeDepth++;
        }
        Node[] body = itemList();
        if (kind == ControlNode.Kind.RANGE) {
            rangeDepth--;
        }
        ListNode elseList = null;
        if (body[1] instanceof ElseNode) {
            Node elseNode = body[1];
            Type chained = kind == ControlNode.Kind.IF ? Type.IF : kind == ControlNode.Kind.WITH ? Type.WITH : null;
            if (chained != null && peek().type() == chained) {
                Token chainedKeyword = next();
                elseList = new ListNode(elseNode.pos(), List.of(control(chainedKeyword, kind)));
            } else {
                Node[] rest = itemList();
                if (!(rest[1] instanceof EndNode)) {
                    throw error(rest[1].pos(), "expected end; found " + rest[1].describe());
                }
                elseList = (ListNode) rest[0];
            }
        }
        depth--;
        return new ControlNode(keyword.pos(), kind, pipe, (ListNode) body[0], elseList);
    }

    private void enter(int pos) throws TemplateException {
        if (++depth > MAX_DEPTH) {
            throw error(pos, "nesting deeper than " + MAX_DEPTH + " levels is not supported by secretgate");
        }
    }

    // ------------------------------------------------------------ pipelines

    private PipeNode pipeline(String context, Type end) throws TemplateException {
        Token first = peekNonSpace();
        int save = index;
        Token variable = nextNonSpace();
        if (variable.type() == Type.VARIABLE) {
            Token after = nextNonSpace();
            if (after.type() == Type.DECLARE || after.type() == Type.ASSIGN
                    || (after.type() == Type.CHAR && after.text().equals(","))) {
                throw unsupported(variable.pos(), "variable declaration " + variable.text()
                        + (after.type() == Type.CHAR ? "," : " " + after.text()));
            }
        }
        index = save;
        List<CommandNode> commands = new ArrayList<>();
        while (true) {
            Token token = nextNonSpace();
            if (token.type() == end) {
                checkPipeline(first, commands, context);
                return new PipeNode(first.pos(), List.copyOf(commands));
            }
            switch (token.type()) {
                case BOOL:
                case CHAR_CONSTANT:
                case COMPLEX:
                case DOT:
                case FIELD:
                case IDENTIFIER:
                case NUMBER:
                case NIL:
                case RAW_STRING:
                case STRING:
                case VARIABLE:
                case LEFT_PAREN:
                    backup();
                    commands.add(command());
                    break;
                default:
                    throw unexpected(token, context);
            }
        }
    }

    private void checkPipeline(Token first, List<CommandNode> commands, String context) throws TemplateException {
        if (commands.isEmpty()) {
            throw error(first.pos(), "missing value for " + context);
        }
        for (int i = 1; i < commands.size(); i++) {
            Node head = commands.get(i).args().get(0);
            if (head instanceof BoolNode || head instanceof DotNode || head instanceof NumberNode
                    || head instanceof StringNode) {
                throw error(head.pos(), "non executable command in pipeline stage " + (i + 1));
            }
        }
    }

    private CommandNode command() throws TemplateException {
        int pos = peekNonSpace().pos();
        List<Node> args = new ArrayList<>();
        while (true) {
            peekNonSpace();
            Node operand = operand();
            if (operand != null) {
                args.add(operand);
            }
            Token token = next();
            if (token.type() == Type.SPACE) {
                continue;
            }
            if (token.type() == Type.RIGHT_DELIM || token.type() == Type.RIGHT_PAREN) {
                backup();
            } else if (token.type() != Type.PIPE) {
                throw unexpected(token, "operand");
            }
            break;
        }
        if (args.isEmpty()) {
            throw error(pos, "empty command");
        }
        return new CommandNode(pos, List.copyOf(args));
    }

    private Node operand() throws TemplateException {
        Node node = term();
        if (node == null) {
            return null;
        }
        if (peek().type() == Type.FIELD) {
            List<String> fields = new ArrayList<>();
            while (peek().type() == Type.FIELD) {
                fields.add(next().text().substring(1));
            }
            if (node instanceof FieldNode) {
                List<String> all = new ArrayList<>(((FieldNode) node).idents());
                all.addAll(fields);
                return new FieldNode(node.pos(), List.copyOf(all));
            }
            if (node instanceof RootNode) {
                List<String> all = new ArrayList<>(((RootNode) node).idents());
                all.addAll(fields);
                return new RootNode(node.pos(), List.copyOf(all));
            }
            if (node instanceof BoolNode || node instanceof StringNode || node instanceof NumberNode
                    || node instanceof DotNode) {
                throw error(node.pos(), "unexpected . after term " + TemplateText.quote(node.describe()));
            }
            return new ChainNode(node.pos(), node, List.copyOf(fields));
        }
        return node;
    }

    private Node term() throws TemplateException {
        Token token = nextNonSpace();
        switch (token.type()) {
            case IDENTIFIER:
                checkFunction(token);
                return new IdentifierNode(token.pos(), token.text());
            case DOT:
                return new DotNode(token.pos());
            case NIL:
                throw unsupported(token.pos(), "nil");
            case VARIABLE:
                if (!token.text().equals("$")) {
                    throw unsupported(token.pos(), "variable " + token.text());
                }
                return new RootNode(token.pos(), List.of());
            case FIELD:
                return new FieldNode(token.pos(), List.of(token.text().substring(1)));
            case BOOL:
                return new BoolNode(token.pos(), token.text().equals("true"));
            case CHAR_CONSTANT:
                throw unsupported(token.pos(), "character constant " + token.text());
            case COMPLEX:
                throw unsupported(token.pos(), "complex constant " + token.text());
            case NUMBER:
                return number(token);
            case LEFT_PAREN:
                enter(token.pos());
                PipeNode pipe = pipeline("parenthesized pipeline", Type.RIGHT_PAREN);
                depth--;
                return pipe;
            case STRING:
            case RAW_STRING:
                return new StringNode(token.pos(), token.text(), unquote(token));
            default:
                backup();
                return null;
        }
    }

    private void checkFunction(Token token) throws TemplateException {
        String name = token.text();
        if (Functions.find(name) != null) {
            return;
        }
        String supported = " (supported: " + Functions.supportedNames() + ")";
        if (Functions.isKnownElsewhere(name)) {
            throw error(token.pos(), "template function " + TemplateText.quote(name)
                    + " is not supported by secretgate" + supported);
        }
        throw error(token.pos(), "template function " + TemplateText.quote(name) + " is not defined" + supported);
    }

    // ------------------------------------------------------------ literals

    private NumberNode number(Token token) throws TemplateException {
        String text = token.text();
        Long value = GoInt.parse(text);
        if (value != null) {
            return new NumberNode(token.pos(), text, value);
        }
        String lower = text.toLowerCase();
        boolean hex = lower.startsWith("0x") || lower.startsWith("-0x") || lower.startsWith("+0x");
        if (lower.endsWith("i")) {
            throw unsupported(token.pos(), "complex constant " + text);
        }
        if (lower.contains(".") || lower.contains("p") || (!hex && lower.contains("e"))) {
            throw unsupported(token.pos(), "floating-point constant " + text);
        }
        if (GoInt.isWellFormed(text)) {
            throw error(token.pos(), "integer constant " + TemplateText.quote(text) + " overflows int");
        }
        throw error(token.pos(), "illegal number syntax: " + TemplateText.quote(text));
    }

    private GoString unquote(Token token) throws TemplateException {
        String text = token.text();
        String body = text.substring(1, text.length() - 1);
        if (token.type() == Type.RAW_STRING) {
            return GoString.of(body.replace("\r", ""));
        }
        try {
            return GoStringLiteral.unescape(body);
        } catch (IllegalArgumentException e) {
            throw error(token.pos(), "invalid string literal " + token.describe() + ": " + e.getMessage());
        }
    }
}
