package social.deploy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A parser of PromQL, as Prometheus checks an expression before it runs it: the syntax (selectors and
 * their matchers, strings with Go's escapes, ranges, aggregations with {@code by}/{@code without},
 * functions, binary operators with {@code bool}, {@code on}/{@code ignoring} and {@code group_left}/
 * {@code group_right}) and the types (a function gets the argument types it takes, a range only follows a
 * selector, no operator gets a range vector or a string, comparisons of two scalars need {@code bool}),
 * and every regular expression compiles. No PromQL parser or promtool is served from Maven Central, so the
 * dashboard's and the alert rules' expressions are checked with this one. It answers what an expression
 * reads ({@link Query}): the selectors, every label name it mentions, the functions it calls.
 *
 * <p>Not supported (nothing here uses them): the {@code @} modifier, quoted metric or label names, native
 * histogram literals. Grafana's interval variables ({@code $__rate_interval}, ...) are replaced by a
 * duration before parsing; any other {@code $} outside a string is an error.
 */
final class PromQl {
    /** One label matcher: {@code label op "value"}. */
    record LabelMatcher(String label, String op, String value) {}

    /** A vector selector: the metric name (null for {@code {job="x"}}) and its matchers. */
    record Selector(String metric, List<LabelMatcher> matchers) {}

    /** What an expression reads: its selectors, every label name it mentions, the functions it calls. */
    record Query(String text, Type type, List<Selector> selectors, Set<String> labels, Set<String> functions) {
        Set<String> metrics() {
            Set<String> metrics = new LinkedHashSet<>();
            selectors.forEach(selector -> {
                if (selector.metric() != null) {
                    metrics.add(selector.metric());
                }
            });
            return metrics;
        }
    }

    enum Type {
        SCALAR,
        VECTOR,
        MATRIX,
        STRING
    }

    /** A function's argument types ({@code optional} of them at the end may be left out) and its result. */
    private record Signature(List<Type> arguments, int optional, boolean variadic, Type result) {}

    private static final Map<String, Signature> FUNCTIONS = functions();
    /** Aggregation operators, and those that take a parameter before the vector. */
    private static final Set<String> AGGREGATIONS = Set.of(
            "sum",
            "min",
            "max",
            "avg",
            "group",
            "stddev",
            "stdvar",
            "count",
            "count_values",
            "bottomk",
            "topk",
            "quantile",
            "limitk",
            "limit_ratio");

    private static final Map<String, Type> AGGREGATION_PARAMETER = Map.of(
            "count_values", Type.STRING,
            "bottomk", Type.SCALAR,
            "topk", Type.SCALAR,
            "quantile", Type.SCALAR,
            "limitk", Type.SCALAR,
            "limit_ratio", Type.SCALAR);
    private static final Set<String> COMPARISONS = Set.of("==", "!=", "<=", ">=", "<", ">");
    private static final Set<String> SET_OPERATORS = Set.of("and", "or", "unless");
    private static final Pattern DURATION = Pattern.compile("(?:[0-9]+(?:ms|s|m|h|d|w|y))+");
    private static final Pattern NUMBER =
            Pattern.compile("0[xX][0-9a-fA-F]+|(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    /** Grafana's interval variables, each replaced by a duration of the same kind. */
    private static final Map<String, String> GRAFANA_INTERVALS =
            Map.of("$__rate_interval", "1m", "$__interval", "15s", "$__range", "1h");

    private final String text;
    private final List<Token> tokens;
    private int position;
    private final List<Selector> selectors = new ArrayList<>();
    private final Set<String> labels = new LinkedHashSet<>();
    private final Set<String> functions = new LinkedHashSet<>();

    private PromQl(String text) {
        this.text = text;
        this.tokens = tokenize(text);
    }

    /** {@code expression} parsed and type-checked; an {@link IllegalArgumentException} says where it is wrong. */
    static Query parse(String expression) {
        String text = expression;
        for (Map.Entry<String, String> variable : GRAFANA_INTERVALS.entrySet()) {
            text = text.replace(variable.getKey(), variable.getValue());
        }
        PromQl parser = new PromQl(text);
        Type type = parser.expression(0);
        parser.expect(Kind.END, "end of expression");
        return new Query(
                expression,
                type,
                List.copyOf(parser.selectors),
                Set.copyOf(parser.labels),
                Set.copyOf(parser.functions));
    }

    // ------------------------------------------------------------------------------- expressions

    private enum Kind {
        IDENTIFIER,
        NUMBER,
        DURATION,
        STRING,
        OPERATOR,
        PUNCTUATION,
        END
    }

    /** A token; for a string, {@code value} is its content with the escapes resolved. */
    private record Token(Kind kind, String text, String value, int at) {}

    /** Binary operators by precedence, loosest first ({@code ^} binds tightest and to the right). */
    private static int precedence(Token token) {
        String operator = token.text();
        if (token.kind() == Kind.IDENTIFIER) {
            return switch (operator) {
                case "or" -> 1;
                case "and", "unless" -> 2;
                case "atan2" -> 5;
                default -> 0;
            };
        }
        if (token.kind() != Kind.OPERATOR) {
            return 0;
        }
        return switch (operator) {
            case "==", "!=", "<=", ">=", "<", ">" -> 3;
            case "+", "-" -> 4;
            case "*", "/", "%" -> 5;
            case "^" -> 6;
            default -> 0;
        };
    }

    private Type expression(int minimum) {
        Type left = unary();
        while (true) {
            Token operator = peek();
            int precedence = precedence(operator);
            if (precedence == 0 || precedence < minimum) {
                return left;
            }
            next();
            boolean comparison = COMPARISONS.contains(operator.text());
            boolean bool = false;
            if (isKeyword("bool")) {
                if (!comparison) {
                    throw error(peek(), "bool only follows a comparison");
                }
                next();
                bool = true;
            }
            boolean matching = false;
            if (isKeyword("on") || isKeyword("ignoring")) {
                next();
                labelList();
                matching = true;
                if (isKeyword("group_left") || isKeyword("group_right")) {
                    next();
                    if (isPunctuation("(")) {
                        labelList();
                    }
                }
            }
            Type right = expression(operator.text().equals("^") ? precedence : precedence + 1);
            left = binary(operator, left, right, bool, matching);
        }
    }

    private Type binary(Token operator, Type left, Type right, boolean bool, boolean matching) {
        for (Type operand : List.of(left, right)) {
            if (operand == Type.MATRIX || operand == Type.STRING) {
                throw error(
                        operator,
                        "'" + operator.text() + "' of a " + operand.name().toLowerCase()
                                + " (a range vector needs a function such as rate() first)");
            }
        }
        if (SET_OPERATORS.contains(operator.text()) && (left != Type.VECTOR || right != Type.VECTOR)) {
            throw error(operator, "'" + operator.text() + "' works on two instant vectors");
        }
        if (left == Type.SCALAR && right == Type.SCALAR) {
            if (COMPARISONS.contains(operator.text()) && !bool) {
                throw error(operator, "a comparison of two scalars needs bool");
            }
            if (matching) {
                throw error(operator, "vector matching (on, ignoring) between two scalars");
            }
            return Type.SCALAR;
        }
        return Type.VECTOR;
    }

    private Type unary() {
        if (peek().kind() == Kind.OPERATOR
                && (peek().text().equals("-") || peek().text().equals("+"))) {
            Token sign = next();
            Type operand = unary();
            if (operand != Type.SCALAR && operand != Type.VECTOR) {
                throw error(sign, "a sign before a " + operand.name().toLowerCase());
            }
            return operand;
        }
        return postfix();
    }

    private Type postfix() {
        boolean selector = peek().kind() == Kind.PUNCTUATION && peek().text().equals("{")
                || peek().kind() == Kind.IDENTIFIER && isSelectorStart();
        Type type = primary();
        if (isPunctuation("[")) {
            Token bracket = next();
            expect(Kind.DURATION, "a duration such as 5m");
            if (isPunctuation(":")) {
                next();
                if (peek().kind() == Kind.DURATION) {
                    next();
                }
                if (type != Type.VECTOR) {
                    throw error(bracket, "a subquery of a " + type.name().toLowerCase());
                }
            } else if (!selector) {
                throw error(bracket, "a range only follows a vector selector (or write a subquery [5m:1m])");
            }
            expectPunctuation("]");
            type = Type.MATRIX;
        }
        if (isKeyword("offset")) {
            Token offset = next();
            if (peek().kind() == Kind.OPERATOR && peek().text().equals("-")) {
                next();
            }
            expect(Kind.DURATION, "the offset's duration");
            if (!selector) {
                throw error(offset, "offset only follows a selector");
            }
        }
        return type;
    }

    private boolean isSelectorStart() {
        String name = peek().text();
        Token after = peekAt(1);
        boolean call = after.kind() == Kind.PUNCTUATION && after.text().equals("(");
        return !call && !AGGREGATIONS.contains(name) && !isNumberWord(name);
    }

    private Type primary() {
        Token token = peek();
        switch (token.kind()) {
            case NUMBER -> {
                next();
                return Type.SCALAR;
            }
            case STRING -> {
                next();
                return Type.STRING;
            }
            case PUNCTUATION -> {
                if (token.text().equals("(")) {
                    next();
                    Type inner = expression(0);
                    expectPunctuation(")");
                    return inner;
                }
                if (token.text().equals("{")) {
                    selector(null, token);
                    return Type.VECTOR;
                }
                throw error(token, "unexpected '" + token.text() + "'");
            }
            case IDENTIFIER -> {
                return identifier(token);
            }
            default -> throw error(token, "an expression is missing");
        }
    }

    private Type identifier(Token token) {
        String name = token.text();
        if (isNumberWord(name)) {
            next();
            return Type.SCALAR;
        }
        if (AGGREGATIONS.contains(name)) {
            next();
            return aggregation(token);
        }
        Token after = peekAt(1);
        if (after.kind() == Kind.PUNCTUATION && after.text().equals("(")) {
            Signature signature = FUNCTIONS.get(name);
            if (signature == null) {
                throw error(token, "unknown function " + name + "()");
            }
            next();
            functions.add(name);
            return call(token, signature);
        }
        next();
        selector(name, token);
        return Type.VECTOR;
    }

    private Type aggregation(Token operator) {
        boolean grouped = false;
        if (isKeyword("by") || isKeyword("without")) {
            next();
            labelList();
            grouped = true;
        }
        expectPunctuation("(");
        Type parameter = AGGREGATION_PARAMETER.get(operator.text());
        if (parameter != null) {
            Token at = peek();
            Type given = expression(0);
            if (given != parameter) {
                throw error(
                        at, operator.text() + "() takes a " + parameter.name().toLowerCase() + " first");
            }
            expectPunctuation(",");
        }
        Token at = peek();
        Type vector = expression(0);
        if (vector != Type.VECTOR) {
            throw error(
                    at,
                    operator.text() + "() aggregates an instant vector, not a "
                            + vector.name().toLowerCase());
        }
        expectPunctuation(")");
        if (!grouped && (isKeyword("by") || isKeyword("without"))) {
            next();
            labelList();
        }
        functions.add(operator.text());
        return Type.VECTOR;
    }

    private Type call(Token function, Signature signature) {
        expectPunctuation("(");
        List<Type> given = new ArrayList<>();
        List<Token> at = new ArrayList<>();
        while (!isPunctuation(")")) {
            at.add(peek());
            given.add(expression(0));
            if (!isPunctuation(",")) {
                break;
            }
            next();
        }
        expectPunctuation(")");
        int required = signature.arguments().size() - signature.optional();
        if (given.size() < required || given.size() > signature.arguments().size() && !signature.variadic()) {
            throw error(
                    function,
                    function.text() + "() takes " + signature.arguments().size() + " argument(s), not " + given.size());
        }
        for (int i = 0; i < given.size(); i++) {
            List<Type> expected = signature.arguments();
            Type wanted = expected.get(Math.min(i, expected.size() - 1));
            if (given.get(i) != wanted) {
                throw error(
                        at.get(i),
                        function.text() + "() argument " + (i + 1) + " must be a "
                                + wanted.name().toLowerCase()
                                + (wanted == Type.MATRIX ? " (a range such as x[5m])" : "")
                                + ", not a " + given.get(i).name().toLowerCase());
            }
        }
        return signature.result();
    }

    private void selector(String metric, Token at) {
        List<LabelMatcher> matchers = new ArrayList<>();
        if (isPunctuation("{")) {
            next();
            while (!isPunctuation("}")) {
                Token label = expect(Kind.IDENTIFIER, "a label name");
                labelName(label);
                Token operator = peek();
                if (operator.kind() != Kind.OPERATOR
                        || !Set.of("=", "!=", "=~", "!~").contains(operator.text())) {
                    throw error(operator, "a label matcher needs =, !=, =~ or !~");
                }
                next();
                Token value = expect(Kind.STRING, "a quoted label value");
                if (operator.text().endsWith("~")) {
                    try {
                        Pattern.compile(value.value());
                    } catch (PatternSyntaxException e) {
                        throw error(value, "invalid regular expression: " + e.getDescription());
                    }
                }
                matchers.add(new LabelMatcher(label.text(), operator.text(), value.value()));
                if (!isPunctuation(",")) {
                    break;
                }
                next();
            }
            expectPunctuation("}");
        }
        if (metric == null && matchers.isEmpty()) {
            throw error(at, "a selector needs a metric name or a label matcher");
        }
        selectors.add(new Selector(metric, List.copyOf(matchers)));
    }

    private void labelList() {
        expectPunctuation("(");
        while (!isPunctuation(")")) {
            labelName(expect(Kind.IDENTIFIER, "a label name"));
            if (!isPunctuation(",")) {
                break;
            }
            next();
        }
        expectPunctuation(")");
    }

    private void labelName(Token token) {
        if (!LABEL_NAME.matcher(token.text()).matches()) {
            throw error(token, "invalid label name " + token.text());
        }
        labels.add(token.text());
    }

    // ------------------------------------------------------------------------------- tokens

    private Token peek() {
        return tokens.get(position);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(position + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token token = tokens.get(position);
        if (token.kind() != Kind.END) {
            position++;
        }
        return token;
    }

    private boolean isKeyword(String keyword) {
        return peek().kind() == Kind.IDENTIFIER && peek().text().equals(keyword);
    }

    private boolean isPunctuation(String punctuation) {
        return peek().kind() == Kind.PUNCTUATION && peek().text().equals(punctuation);
    }

    private Token expect(Kind kind, String what) {
        if (peek().kind() != kind) {
            throw error(peek(), what + " expected");
        }
        return next();
    }

    private void expectPunctuation(String punctuation) {
        if (!isPunctuation(punctuation)) {
            throw error(peek(), "'" + punctuation + "' expected");
        }
        next();
    }

    private static boolean isNumberWord(String word) {
        return word.equalsIgnoreCase("inf") || word.equalsIgnoreCase("nan");
    }

    private IllegalArgumentException error(Token at, String message) {
        String found = at.kind() == Kind.END ? "the end" : "'" + at.text() + "'";
        return new IllegalArgumentException(message + " at " + found + " (offset " + at.at() + ") of: " + text);
    }

    private static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (Character.isLetter(c)
                    || c == '_'
                    // a metric name may start with ':', a subquery's [5m:1m] has one between durations
                    || c == ':'
                            && i + 1 < text.length()
                            && !Character.isDigit(text.charAt(i + 1))
                            && text.charAt(i + 1) != ']') {
                int start = i;
                while (i < text.length()
                        && (Character.isLetterOrDigit(text.charAt(i))
                                || text.charAt(i) == '_'
                                || text.charAt(i) == ':')) {
                    i++;
                }
                tokens.add(new Token(Kind.IDENTIFIER, text.substring(start, i), null, start));
            } else if (Character.isDigit(c)
                    || c == '.' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1))) {
                Matcher duration = DURATION.matcher(text).region(i, text.length());
                Matcher number = NUMBER.matcher(text).region(i, text.length());
                int start = i;
                Kind kind;
                if (duration.lookingAt()) {
                    i = duration.end();
                    kind = Kind.DURATION;
                } else if (number.lookingAt()) {
                    i = number.end();
                    kind = Kind.NUMBER;
                } else {
                    throw new IllegalArgumentException("bad number at offset " + start + " of: " + text);
                }
                if (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    throw new IllegalArgumentException("bad number or duration at offset " + start + " of: " + text);
                }
                tokens.add(new Token(kind, text.substring(start, i), null, start));
            } else if (c == '"' || c == '\'' || c == '`') {
                i = string(text, i, tokens);
            } else {
                String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
                if (Set.of("==", "!=", "<=", ">=", "=~", "!~").contains(two)) {
                    tokens.add(new Token(Kind.OPERATOR, two, null, i));
                    i += 2;
                } else if ("+-*/%^<>=".indexOf(c) >= 0) {
                    tokens.add(new Token(Kind.OPERATOR, String.valueOf(c), null, i));
                    i++;
                } else if ("(){}[],:".indexOf(c) >= 0) {
                    tokens.add(new Token(Kind.PUNCTUATION, String.valueOf(c), null, i));
                    i++;
                } else {
                    throw new IllegalArgumentException(
                            "unexpected character '" + c + "' at offset " + i + " of: " + text);
                }
            }
        }
        tokens.add(new Token(Kind.END, "", null, text.length()));
        return tokens;
    }

    /** A quoted string from {@code start}: Go's escapes in "..." and '...', none in `...`. */
    private static int string(String text, int start, List<Token> tokens) {
        char quote = text.charAt(start);
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (true) {
            if (i >= text.length() || quote != '`' && text.charAt(i) == '\n') {
                throw new IllegalArgumentException("unterminated string at offset " + start + " of: " + text);
            }
            char c = text.charAt(i);
            if (c == quote) {
                tokens.add(new Token(Kind.STRING, text.substring(start, i + 1), value.toString(), start));
                return i + 1;
            }
            if (c == '\\' && quote != '`') {
                if (i + 1 >= text.length()) {
                    throw new IllegalArgumentException("unterminated string at offset " + start + " of: " + text);
                }
                char escaped = text.charAt(i + 1);
                int length = 2;
                switch (escaped) {
                    case 'a' -> value.append('\u0007');
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'v' -> value.append('\u000b');
                    case '\\' -> value.append('\\');
                    case 'x', 'u', 'U' -> {
                        int digits = escaped == 'x' ? 2 : escaped == 'u' ? 4 : 8;
                        String hex = text.substring(i + 2, Math.min(text.length(), i + 2 + digits));
                        if (hex.length() != digits || !hex.matches("[0-9a-fA-F]+")) {
                            throw new IllegalArgumentException(
                                    "bad \\" + escaped + " escape at offset " + i + " of: " + text);
                        }
                        value.appendCodePoint(Integer.parseInt(hex, 16));
                        length += digits;
                    }
                    default -> {
                        if (escaped == quote) {
                            value.append(quote);
                        } else if (escaped >= '0' && escaped <= '7') {
                            String octal = text.substring(i + 1, Math.min(text.length(), i + 4));
                            if (!octal.matches("[0-7]{3}")) {
                                throw new IllegalArgumentException("bad octal escape at offset " + i + " of: " + text);
                            }
                            value.append((char) Integer.parseInt(octal, 8));
                            length = 4;
                        } else {
                            // Go (and so Prometheus) refuses an unknown escape: a regex's \. is written \\.
                            throw new IllegalArgumentException("unknown escape \\" + escaped + " at offset " + i
                                    + " (write \\\\" + escaped + " for a regular expression's \\" + escaped + ") of: "
                                    + text);
                        }
                    }
                }
                i += length;
            } else {
                value.append(c);
                i++;
            }
        }
    }

    private static Map<String, Signature> functions() {
        Signature rangeToVector = new Signature(List.of(Type.MATRIX), 0, false, Type.VECTOR);
        Signature vectorToVector = new Signature(List.of(Type.VECTOR), 0, false, Type.VECTOR);
        Map<String, Signature> functions = new java.util.HashMap<>();
        for (String name : List.of(
                "rate",
                "irate",
                "increase",
                "delta",
                "idelta",
                "deriv",
                "changes",
                "resets",
                "avg_over_time",
                "min_over_time",
                "max_over_time",
                "sum_over_time",
                "count_over_time",
                "last_over_time",
                "stddev_over_time",
                "stdvar_over_time",
                "present_over_time",
                "absent_over_time")) {
            functions.put(name, rangeToVector);
        }
        for (String name : List.of(
                "abs",
                "ceil",
                "floor",
                "exp",
                "ln",
                "log2",
                "log10",
                "sqrt",
                "sgn",
                "timestamp",
                "absent",
                "sort",
                "sort_desc")) {
            functions.put(name, vectorToVector);
        }
        functions.put("quantile_over_time", new Signature(List.of(Type.SCALAR, Type.MATRIX), 0, false, Type.VECTOR));
        functions.put("predict_linear", new Signature(List.of(Type.MATRIX, Type.SCALAR), 0, false, Type.VECTOR));
        functions.put("histogram_quantile", new Signature(List.of(Type.SCALAR, Type.VECTOR), 0, false, Type.VECTOR));
        functions.put("round", new Signature(List.of(Type.VECTOR, Type.SCALAR), 1, false, Type.VECTOR));
        functions.put("clamp_min", new Signature(List.of(Type.VECTOR, Type.SCALAR), 0, false, Type.VECTOR));
        functions.put("clamp_max", new Signature(List.of(Type.VECTOR, Type.SCALAR), 0, false, Type.VECTOR));
        functions.put("clamp", new Signature(List.of(Type.VECTOR, Type.SCALAR, Type.SCALAR), 0, false, Type.VECTOR));
        functions.put("vector", new Signature(List.of(Type.SCALAR), 0, false, Type.VECTOR));
        functions.put("scalar", new Signature(List.of(Type.VECTOR), 0, false, Type.SCALAR));
        functions.put("time", new Signature(List.of(), 0, false, Type.SCALAR));
        functions.put(
                "label_replace",
                new Signature(
                        List.of(Type.VECTOR, Type.STRING, Type.STRING, Type.STRING, Type.STRING),
                        0,
                        false,
                        Type.VECTOR));
        functions.put(
                "label_join",
                new Signature(List.of(Type.VECTOR, Type.STRING, Type.STRING, Type.STRING), 1, true, Type.VECTOR));
        return Map.copyOf(functions);
    }
}
