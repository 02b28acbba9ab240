package dev.profiles.core.preview.internal;

import dev.profiles.core.preview.FieldChange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The field diff of two parsed documents. Maps are compared key by key (order ignored), lists
 * item by item: by {@code name} when every item on both sides is a map with a distinct string
 * {@code name} (the way Kubernetes merges containers, ports, volumes and env), else by index.
 * Reordering named items is therefore not a change. Everything else is compared by value, so
 * {@code "1"} and {@code 1} differ.
 *
 * <p>{@link #apply} applies a diff to its left side and gives its right side (up to the order
 * of named list items, {@link #canonical}): what the diff's properties check.
 */
public final class Diff {
  private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_$-]+");

  private Diff() {}

  /** One step of a path: a map key, a named list item or a list index. */
  public sealed interface Step permits Key, Named, Index {}

  /** A map key. */
  public record Key(String key) implements Step {}

  /** The item of a list whose {@code name} is {@code name}. */
  public record Named(String name) implements Step {}

  /** A list item by position. */
  public record Index(int index) implements Step {}

  /** One difference at {@code path}, with unmasked values. */
  public record Change(List<Step> path, FieldChange.Kind kind, Object before, Object after) {
    /** The path as people read it. */
    public String pathText() {
      return Diff.pathText(path);
    }

    /** As a public {@link FieldChange}. */
    public FieldChange toFieldChange() {
      return new FieldChange(pathText(), kind, before, after);
    }
  }

  /** The differences turning {@code before} into {@code after}. */
  public static List<Change> diff(Object before, Object after) {
    List<Change> out = new ArrayList<>();
    diff(new ArrayList<>(), before, after, out);
    return out;
  }

  private static void diff(List<Step> path, Object a, Object b, List<Change> out) {
    if (Objects.equals(a, b)) {
      return;
    }
    if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
      for (Map.Entry<?, ?> e : ma.entrySet()) {
        Object key = e.getKey();
        List<Step> p = with(path, new Key((String) key));
        if (!mb.containsKey(key)) {
          out.add(new Change(p, FieldChange.Kind.REMOVED, e.getValue(), null));
        } else {
          diff(p, e.getValue(), mb.get(key), out);
        }
      }
      for (Map.Entry<?, ?> e : mb.entrySet()) {
        if (!ma.containsKey(e.getKey())) {
          out.add(new Change(with(path, new Key((String) e.getKey())), FieldChange.Kind.ADDED,
              null, e.getValue()));
        }
      }
      return;
    }
    if (a instanceof List<?> la && b instanceof List<?> lb) {
      if (named(la, lb)) {
        Map<String, Object> byName = new HashMap<>();
        lb.forEach(item -> byName.put(name(item), item));
        Set<String> seen = new HashSet<>();
        for (Object item : la) {
          String n = name(item);
          seen.add(n);
          List<Step> p = with(path, new Named(n));
          if (!byName.containsKey(n)) {
            out.add(new Change(p, FieldChange.Kind.REMOVED, item, null));
          } else {
            diff(p, item, byName.get(n), out);
          }
        }
        for (Object item : lb) {
          if (!seen.contains(name(item))) {
            out.add(new Change(with(path, new Named(name(item))), FieldChange.Kind.ADDED, null,
                item));
          }
        }
        return;
      }
      int common = Math.min(la.size(), lb.size());
      for (int i = 0; i < common; i++) {
        diff(with(path, new Index(i)), la.get(i), lb.get(i), out);
      }
      for (int i = common; i < la.size(); i++) {
        out.add(new Change(with(path, new Index(i)), FieldChange.Kind.REMOVED, la.get(i), null));
      }
      for (int i = common; i < lb.size(); i++) {
        out.add(new Change(with(path, new Index(i)), FieldChange.Kind.ADDED, null, lb.get(i)));
      }
      return;
    }
    out.add(new Change(List.copyOf(path), FieldChange.Kind.CHANGED, a, b));
  }

  private static List<Step> with(List<Step> path, Step step) {
    List<Step> p = new ArrayList<>(path.size() + 1);
    p.addAll(path);
    p.add(step);
    return p;
  }

  /** Whether both lists are matched by name: every item a map with a distinct string name. */
  static boolean named(List<?> a, List<?> b) {
    if (a.isEmpty() && b.isEmpty()) {
      return false;
    }
    return distinctNames(a) && distinctNames(b);
  }

  private static boolean distinctNames(List<?> list) {
    Set<String> names = new HashSet<>();
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> m) || !(m.get("name") instanceof String n)
          || !names.add(n)) {
        return false;
      }
    }
    return true;
  }

  private static String name(Object item) {
    return (String) ((Map<?, ?>) item).get("name");
  }

  /** A path as people read it: {@code spec.containers[name=web].image}, {@code a["b.c"][0]}. */
  public static String pathText(List<Step> path) {
    StringBuilder sb = new StringBuilder();
    for (Step s : path) {
      if (s instanceof Key k) {
        if (WORD.matcher(k.key()).matches()) {
          if (sb.length() > 0) {
            sb.append('.');
          }
          sb.append(k.key());
        } else {
          sb.append('[');
          Json.string(sb, k.key());
          sb.append(']');
        }
      } else if (s instanceof Named n) {
        sb.append("[name=");
        if (WORD.matcher(n.name()).matches()) {
          sb.append(n.name());
        } else {
          Json.string(sb, n.name());
        }
        sb.append(']');
      } else {
        sb.append('[').append(((Index) s).index()).append(']');
      }
    }
    return sb.toString();
  }

  /**
   * {@code before} with {@code changes} applied (a deep copy; {@code before} is not touched):
   * {@code apply(a, diff(a, b))} is {@code b} up to the order of named list items.
   */
  public static Object apply(Object before, List<Change> changes) {
    Object root = copy(before);
    // Removals by index go from the highest index down, so earlier ones keep their place;
    // additions by index go after them, in order.
    List<Change> ordered = new ArrayList<>();
    changes.stream().filter(c -> c.kind() != FieldChange.Kind.ADDED).forEach(ordered::add);
    ordered.sort((x, y) -> {
      int ix = lastIndex(x);
      int iy = lastIndex(y);
      return Integer.compare(iy, ix);
    });
    changes.stream().filter(c -> c.kind() == FieldChange.Kind.ADDED).forEach(ordered::add);
    for (Change c : ordered) {
      if (c.path().isEmpty()) {
        root = copy(c.after());
        continue;
      }
      Object parent = root;
      for (Step s : c.path().subList(0, c.path().size() - 1)) {
        parent = step(parent, s);
      }
      Step last = c.path().get(c.path().size() - 1);
      set(parent, last, c.kind(), copy(c.after()));
    }
    return root;
  }

  private static int lastIndex(Change c) {
    return !c.path().isEmpty() && c.path().get(c.path().size() - 1) instanceof Index i
        ? i.index() : -1;
  }

  @SuppressWarnings("unchecked")
  private static Object step(Object parent, Step s) {
    if (s instanceof Key k) {
      return ((Map<String, Object>) parent).get(k.key());
    }
    List<Object> list = (List<Object>) parent;
    if (s instanceof Index i) {
      return list.get(i.index());
    }
    String n = ((Named) s).name();
    return list.stream().filter(item -> n.equals(name(item))).findFirst().orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static void set(Object parent, Step s, FieldChange.Kind kind, Object value) {
    if (s instanceof Key k) {
      Map<String, Object> map = (Map<String, Object>) parent;
      if (kind == FieldChange.Kind.REMOVED) {
        map.remove(k.key());
      } else {
        map.put(k.key(), value);
      }
      return;
    }
    List<Object> list = (List<Object>) parent;
    if (s instanceof Index i) {
      if (kind == FieldChange.Kind.REMOVED) {
        list.remove(i.index());
      } else if (kind == FieldChange.Kind.ADDED) {
        list.add(value);
      } else {
        list.set(i.index(), value);
      }
      return;
    }
    String n = ((Named) s).name();
    int at = -1;
    for (int j = 0; j < list.size(); j++) {
      if (n.equals(name(list.get(j)))) {
        at = j;
      }
    }
    if (kind == FieldChange.Kind.REMOVED) {
      list.remove(at);
    } else if (kind == FieldChange.Kind.ADDED) {
      list.add(value);
    } else {
      list.set(at, value);
    }
  }

  /** A mutable deep copy. */
  static Object copy(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put((String) k, copy(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(x -> out.add(copy(x)));
      return out;
    }
    return v;
  }

  /** {@code v} with named lists sorted by name: equal when only named items' order differs. */
  public static Object canonical(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put((String) k, canonical(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(x -> out.add(canonical(x)));
      if (!l.isEmpty() && distinctNames(l)) {
        out.sort((x, y) -> name(x).compareTo(name(y)));
      }
      return out;
    }
    return v;
  }
}
