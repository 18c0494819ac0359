package io.secretgate.secrets.template;

import io.secretgate.secrets.template.Functions.Function;
import io.secretgate.secrets.template.Functions.Param;
import io.secretgate.secrets.template.Node.ActionNode;
import io.secretgate.secrets.template.Node.BoolNode;
import io.secretgate.secrets.template.Node.BreakNode;
import io.secretgate.secrets.template.Node.ChainNode;
import io.secretgate.secrets.template.Node.CommandNode;
import io.secretgate.secrets.template.Node.ContinueNode;
import io.secretgate.secrets.template.Node.ControlNode;
import io.secretgate.secrets.template.Node.DotNode;
import io.secretgate.secrets.template.Node.FieldNode;
import io.secretgate.secrets.template.Node.IdentifierNode;
import io.secretgate.secrets.template.Node.ListNode;
import io.secretgate.secrets.template.Node.NumberNode;
import io.secretgate.secrets.template.Node.PipeNode;
import io.secretgate.secrets.template.Node.RootNode;
import io.secretgate.secrets.template.Node.StringNode;
import io.secretgate.secrets.template.Node.TextNode;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Executes a parse tree the way Go's text/template does. One instance per execution. */
final class Evaluator {

    /** Kubernetes refuses Secrets larger than 1 MiB, so no single value can usefully be larger. */
    static final int MAX_OUTPUT_BYTES = 1 << 20;
    /** Bounds the work a template can cause (e.g. {@code range 1000000000}). */
    static final long MAX_ITERATIONS = 1_000_000;

    /** Marks "no value from a previous pipeline stage". */
    private static final Object NO_FINAL = new Object();

    private final TemplateText source;
    private final MissingKeyPolicy policy;
    private final GoMap root;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private long iterations;

    private Evaluator(TemplateText source, MissingKeyPolicy policy, GoMap root) {
        this.source = source;
        this.policy = policy;
        this.root = root;
    }

    static byte[] run(String text, ListNode tree, MissingKeyPolicy policy, GoMap data) throws TemplateException {
        Evaluator evaluator = new Evaluator(new TemplateText(text), policy, data);
        evaluator.walk(data, tree);
        return evaluator.out.toByteArray();
    }

    private TemplateException error(Node node, String message) {
        return source.error(node.pos(), message);
    }

    // ------------------------------------------------------------ statements

    private void walk(Object dot, Node node) throws TemplateException {
        if (node instanceof TextNode) {
            write(node, ((TextNode) node).text());
        } else if (node instanceof ActionNode) {
            printValue(node, evalPipeline(dot, ((ActionNode) node).pipe()));
        } else if (node instanceof ListNode) {
            for (Node child : ((ListNode) node).nodes()) {
                walk(dot, child);
            }
        } else if (node instanceof ControlNode) {
            ControlNode control = (ControlNode) node;
            if (control.kind() == ControlNode.Kind.RANGE) {
                walkRange(dot, control);
            } else {
                walkIfOrWith(dot, control);
            }
        } else if (node instanceof BreakNode) {
            throw LoopSignal.BREAK;
        } else if (node instanceof ContinueNode) {
            throw LoopSignal.CONTINUE;
        } else {
            throw new IllegalStateException("unexpected node " + node.getClass().getSimpleName());
        }
    }

    private void walkIfOrWith(Object dot, ControlNode control) throws TemplateException {
        Object value = evalPipeline(dot, control.pipe());
        if (GoValues.isTrue(value)) {
            walk(control.kind() == ControlNode.Kind.WITH ? value : dot, control.list());
        } else if (control.elseList() != null) {
            walk(dot, control.elseList());
        }
    }

    private void walkRange(Object dot, ControlNode range) throws TemplateException {
        Object value = evalPipeline(dot, range.pipe());
        List<Object> elements;
        if (value == null) {
            elements = List.of();
        } else if (value instanceof GoList) {
            elements = ((GoList) value).elements();
        } else if (value instanceof GoMap) {
            elements = new ArrayList<>(((GoMap) value).entries().values());
        } else if (value instanceof Long) {
            long n = (Long) value;
            if (n > MAX_ITERATIONS) {
                throw error(range, "range over " + n + " exceeds secretgate's limit of " + MAX_ITERATIONS + " iterations");
            }
            elements = new ArrayList<>();
            for (long i = 0; i < n; i++) {
                elements.add(i);
            }
        } else {
            throw error(range, "range can't iterate over a value of type " + GoValues.typeName(value));
        }
        if (elements.isEmpty()) {
            if (range.elseList() != null) {
                walk(dot, range.elseList());
            }
            return;
        }
        for (Object element : elements) {
            if (++iterations > MAX_ITERATIONS) {
                throw error(range, "the template exceeds secretgate's limit of " + MAX_ITERATIONS + " range iterations");
            }
            try {
                walk(element, range.list());
            } catch (LoopSignal signal) {
                if (signal == LoopSignal.BREAK) {
                    return;
                }
            }
        }
    }

    private void printValue(Node node, Object value) throws TemplateException {
        if (value == null) {
            write(node, "<no value>".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return;
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        GoFmt.appendV(buffer, value);
        write(node, buffer.toByteArray());
    }

    private void write(Node node, byte[] bytes) throws TemplateException {
        if (out.size() + (long) bytes.length > MAX_OUTPUT_BYTES) {
            throw error(node, "the template output exceeds 1 MiB, the size limit of a Kubernetes Secret");
        }
        out.writeBytes(bytes);
    }

    // ------------------------------------------------------------ expressions

    private Object evalPipeline(Object dot, PipeNode pipe) throws TemplateException {
        Object value = NO_FINAL;
        for (CommandNode command : pipe.commands()) {
            value = evalCommand(dot, command, value);
        }
        return value;
    }

    private Object evalCommand(Object dot, CommandNode command, Object fin) throws TemplateException {
        Node first = command.args().get(0);
        if (first instanceof FieldNode) {
            return evalFields(dot, true, ((FieldNode) first).idents(), first, command.args(), fin);
        }
        if (first instanceof ChainNode) {
            return evalChain(dot, (ChainNode) first, command.args(), fin);
        }
        if (first instanceof IdentifierNode) {
            return evalFunction(dot, (IdentifierNode) first, command.args(), fin);
        }
        if (first instanceof RootNode && !((RootNode) first).idents().isEmpty()) {
            return evalFields(root, false, ((RootNode) first).idents(), first, command.args(), fin);
        }
        if (command.args().size() > 1 || fin != NO_FINAL) {
            throw error(first, "can't give argument to non-function " + first.describe());
        }
        if (first instanceof PipeNode) {
            return evalPipeline(dot, (PipeNode) first);
        }
        return literalOrDot(dot, first);
    }

    private Object literalOrDot(Object dot, Node node) {
        if (node instanceof DotNode) {
            return dot;
        }
        if (node instanceof RootNode) {
            return root;
        }
        if (node instanceof BoolNode) {
            return ((BoolNode) node).value();
        }
        if (node instanceof NumberNode) {
            return ((NumberNode) node).value();
        }
        if (node instanceof StringNode) {
            return ((StringNode) node).value();
        }
        throw new IllegalStateException("unexpected node " + node.getClass().getSimpleName());
    }

    private Object evalChain(Object dot, ChainNode chain, List<Node> args, Object fin) throws TemplateException {
        Object base = evalArg(dot, null, chain.base());
        return evalFields(base, false, chain.idents(), chain, args, fin);
    }

    /**
     * Looks up {@code .a.b...} starting at receiver. A null receiver is Go's nil interface when it is
     * dot (a null element of a ranged list), and Go's "no value" otherwise.
     */
    private Object evalFields(Object receiver, boolean receiverIsDot, List<String> idents, Node node,
            List<Node> args, Object fin) throws TemplateException {
        boolean nilInterface = receiverIsDot && receiver == null;
        for (int i = 0; i < idents.size(); i++) {
            String name = idents.get(i);
            boolean hasArgs = i == idents.size() - 1 && (args.size() > 1 || fin != NO_FINAL);
            if (receiver == null) {
                if (nilInterface) {
                    throw error(node, "nil pointer evaluating interface {}." + name);
                }
                if (policy == MissingKeyPolicy.ERROR) {
                    throw error(node, "nil data; no entry for key " + TemplateText.quote(name));
                }
                continue;
            }
            if (!(receiver instanceof GoMap)) {
                throw error(node, "can't evaluate field " + name + " in type " + GoValues.typeName(receiver));
            }
            GoMap map = (GoMap) receiver;
            if (hasArgs) {
                throw error(node, name + " is not a method but has arguments");
            }
            if (map.containsKey(name)) {
                receiver = map.get(name);
                nilInterface = receiver == null;
            } else if (policy == MissingKeyPolicy.ERROR) {
                throw error(node, "map has no entry for key " + TemplateText.quote(name));
            } else {
                receiver = null;
                nilInterface = false;
            }
        }
        return receiver;
    }

    private Object evalFunction(Object dot, IdentifierNode node, List<Node> commandArgs, Object fin)
            throws TemplateException {
        Function fn = Functions.find(node.name());
        List<Node> args = commandArgs == null ? List.of() : commandArgs.subList(1, commandArgs.size());
        boolean hasFinal = fin != NO_FINAL;
        int numIn = args.size() + (hasFinal ? 1 : 0);
        int fixed = fn.fixed().size();
        if (fn.isVariadic()) {
            if (numIn < fixed) {
                throw error(node, "wrong number of args for " + fn.name() + ": want at least " + fixed
                        + " got " + args.size());
            }
        } else if (numIn != fixed) {
            throw error(node, "wrong number of args for " + fn.name() + ": want " + fixed + " got " + numIn);
        }
        if (fn.shortCircuit()) {
            return andOr(dot, fn, args, fin);
        }
        List<Object> argv = new ArrayList<>(numIn);
        for (int i = 0; i < args.size(); i++) {
            argv.add(evalArg(dot, fn.parameter(i), args.get(i)));
        }
        if (hasFinal) {
            Param type = fn.parameter(Math.min(numIn - 1, fn.parameterCount() - 1));
            argv.add(validateType(fin, type, node));
        }
        try {
            return fn.body().apply(argv);
        } catch (FunctionError e) {
            throw error(node, "error calling " + fn.name() + ": " + e.getMessage());
        }
    }

    /** Go's and/or: arguments are evaluated left to right only until the result is known. */
    private Object andOr(Object dot, Function fn, List<Node> args, Object fin) throws TemplateException {
        boolean isOr = fn.name().equals("or");
        Object value = null;
        for (Node arg : args) {
            value = evalArg(dot, Param.VALUE, arg);
            if (GoValues.isTrue(value) == isOr) {
                return value;
            }
        }
        if (fin != NO_FINAL) {
            value = fin;
        }
        return value;
    }

    /** Evaluates an argument for a parameter of the given type (null: untyped, for chain bases). */
    private Object evalArg(Object dot, Param type, Node node) throws TemplateException {
        if (node instanceof DotNode) {
            return validateType(dot, type, node);
        }
        if (node instanceof FieldNode) {
            return validateType(evalFields(dot, true, ((FieldNode) node).idents(), node, List.of(node), NO_FINAL),
                    type, node);
        }
        if (node instanceof RootNode) {
            List<String> idents = ((RootNode) node).idents();
            Object value = idents.isEmpty() ? root : evalFields(root, false, idents, node, List.of(), NO_FINAL);
            return validateType(value, type, node);
        }
        if (node instanceof PipeNode) {
            return validateType(evalPipeline(dot, (PipeNode) node), type, node);
        }
        if (node instanceof IdentifierNode) {
            return validateType(evalFunction(dot, (IdentifierNode) node, null, NO_FINAL), type, node);
        }
        if (node instanceof ChainNode) {
            return validateType(evalChain(dot, (ChainNode) node, List.of(), NO_FINAL), type, node);
        }
        switch (type) {
            case STRING:
                if (node instanceof StringNode) {
                    return ((StringNode) node).value();
                }
                throw error(node, "expected string; found " + node.describe());
            case INT:
                if (node instanceof NumberNode) {
                    return ((NumberNode) node).value();
                }
                throw error(node, "expected integer; found " + node.describe());
            case MAP:
                throw error(node, "can't handle " + node.describe() + " for arg of type " + type.goName);
            default:
                return literalOrDot(dot, node);
        }
    }

    /** Go's validateType: a value must be assignable to the parameter type. */
    private Object validateType(Object value, Param type, Node node) throws TemplateException {
        if (type == null || type == Param.ANY || type == Param.VALUE) {
            return value;
        }
        if (value == null) {
            throw error(node, "invalid value; expected " + type.goName);
        }
        boolean ok;
        switch (type) {
            case STRING:
                ok = value instanceof GoString;
                break;
            case INT:
                ok = value instanceof Long;
                break;
            case MAP:
                ok = value instanceof GoMap && !((GoMap) value).hasStringValues();
                break;
            default:
                ok = false;
        }
        if (!ok) {
            throw error(node, "wrong type for value; expected " + type.goName + "; got " + GoValues.typeName(value));
        }
        return value;
    }

    /** {{break}} and {{continue}} unwind to the innermost range. */
    private static final class LoopSignal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final LoopSignal BREAK = new LoopSignal();
        static final LoopSignal CONTINUE = new LoopSignal();

        private LoopSignal() {
            super(null, null, false, false);
        }
    }
}
