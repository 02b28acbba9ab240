package dev.profiles.flux.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * The subset of CEL that the vendored CRDs' {@code x-kubernetes-validations} use: {@code
 * has(self.a.b)}, {@code self.a.b == 'x'}, {@code !=}, {@code !}, {@code &&}, {@code ||} and
 * parentheses. A rule outside the subset does not compile, and a CRD holding one is refused
 * when it is loaded ({@link dev.profiles.flux.UnsupportedCrdRuleException}): no rule is ever
 * skipped. The tests assert that every rule of the vendored CRDs compiles and is evaluated.
 *
 * <p>Evaluation follows CEL: a missing field in a comparison is an error (unless the schema gives
 * it a default, which the API server would have applied), and {@code ||}/{@code &&} absorb errors
 * when the other side decides the result.
 */
public final class CelRule {
  private static final Pattern TOKEN = Pattern.compile(
      "\\s*(has\\(|self(?:\\.[A-Za-z_][A-Za-z0-9_]*)+|'[^']*'|\"[^\"]*\"|==|!=|&&|\\|\\||!|\\(|\\))");

  final String source;
  final String message;
  private final Expr expr;

  private CelRule(String source, String message, Expr expr) {
    this.source = source;
    this.message = message;
    this.expr = expr;
  }

  /** The compiled rule, or empty when it is outside the supported subset. */
  public static Optional<CelRule> parse(String rule, String message) {
    List<String> tokens = new ArrayList<>();
    Matcher m = TOKEN.matcher(rule);
    int at = 0;
    while (at < rule.length()) {
      if (rule.substring(at).isBlank()) {
        break;
      }
      if (!m.find(at) || m.start() != at) {
        return Optional.empty();
      }
      tokens.add(m.group(1));
      at = m.end();
    }
    Parser p = new Parser(tokens);
    try {
      Expr e = p.or();
      return p.pos == tokens.size() ? Optional.of(new CelRule(rule, message, e)) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** TRUE, FALSE, or empty when evaluation failed (CEL error, e.g. "no such key"). */
  Optional<Boolean> evaluate(Node self, StructuralSchema schema) {
    return Optional.ofNullable(expr.eval(self, schema));
  }

  private interface Expr {
    /** TRUE, FALSE or null for a CEL error. */
    Boolean eval(Node self, StructuralSchema schema);
  }

  private static final class Parser {
    private final List<String> tokens;
    private int pos;

    Parser(List<String> tokens) {
      this.tokens = tokens;
    }

    Expr or() {
      Expr left = and();
      while (peek("||")) {
        pos++;
        Expr l = left;
        Expr r = and();
        left = (n, s) -> {
          Boolean a = l.eval(n, s);
          Boolean b = r.eval(n, s);
          if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) {
            return true;
          }
          return a == null || b == null ? null : false;
        };
      }
      return left;
    }

    Expr and() {
      Expr left = unary();
      while (peek("&&")) {
        pos++;
        Expr l = left;
        Expr r = unary();
        left = (n, s) -> {
          Boolean a = l.eval(n, s);
          Boolean b = r.eval(n, s);
          if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
            return false;
          }
          return a == null || b == null ? null : true;
        };
      }
      return left;
    }

    Expr unary() {
      if (peek("!")) {
        pos++;
        Expr inner = unary();
        return (n, s) -> {
          Boolean v = inner.eval(n, s);
          return v == null ? null : !v;
        };
      }
      return primary();
    }

    Expr primary() {
      String t = next();
      if (t.equals("(")) {
        Expr e = or();
        expect(")");
        return e;
      }
      if (t.equals("has(")) {
        List<String> path = path(next());
        expect(")");
        return (n, s) -> lookup(n, s, path, false).isPresent();
      }
      if (t.startsWith("self.")) {
        List<String> path = path(t);
        String op = next();
        if (!op.equals("==") && !op.equals("!=")) {
          throw new IllegalArgumentException(op);
        }
        String lit = next();
        if (!(lit.startsWith("'") || lit.startsWith("\""))) {
          throw new IllegalArgumentException(lit);
        }
        String value = lit.substring(1, lit.length() - 1);
        boolean equal = op.equals("==");
        return (n, s) -> {
          Optional<String> actual = lookup(n, s, path, true);
          return actual.isEmpty() ? null : actual.get().equals(value) == equal;
        };
      }
      throw new IllegalArgumentException(t);
    }

    private List<String> path(String token) {
      if (!token.startsWith("self.")) {
        throw new IllegalArgumentException(token);
      }
      return List.of(token.substring(5).split("\\."));
    }

    private boolean peek(String t) {
      return pos < tokens.size() && tokens.get(pos).equals(t);
    }

    private String next() {
      if (pos >= tokens.size()) {
        throw new IllegalArgumentException("end of rule");
      }
      return tokens.get(pos++);
    }

    private void expect(String t) {
      if (!next().equals(t)) {
        throw new IllegalArgumentException(t);
      }
    }
  }

  /** The scalar text at {@code path}; with {@code useDefaults}, a schema default stands in. */
  private static Optional<String> lookup(
      Node node, StructuralSchema schema, List<String> path, boolean useDefaults) {
    Node current = node;
    StructuralSchema currentSchema = schema;
    for (int i = 0; i < path.size(); i++) {
      String field = path.get(i);
      StructuralSchema fieldSchema =
          currentSchema == null ? null : currentSchema.properties.get(field);
      Node child = current instanceof MappingNode ? child((MappingNode) current, field) : null;
      if (child == null) {
        if (useDefaults && fieldSchema != null && fieldSchema.defaultValue.isPresent()
            && i == path.size() - 1) {
          return Optional.of(String.valueOf(fieldSchema.defaultValue.get()));
        }
        return Optional.empty();
      }
      current = child;
      currentSchema = fieldSchema;
    }
    return Optional.of(current instanceof ScalarNode ? ((ScalarNode) current).getValue() : "");
  }

  private static Node child(MappingNode node, String field) {
    for (NodeTuple t : node.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode
          && ((ScalarNode) t.getKeyNode()).getValue().equals(field)
          && !SchemaValidator.isNull(t.getValueNode())) {
        return t.getValueNode();
      }
    }
    return null;
  }
}
