package io.webhookactions.build;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The verbose text output of {@code mvn dependency:tree}, read back: every path to every artifact (a duplicate shows
 * as "omitted for duplicate" where it was reached again). Answers what a project depending on this one gets.
 */
final class DependencyTree {

    /** One line of the tree: {@code groupId:artifactId}, its scope, and whether Maven kept it or omitted it here. */
    record Node(String key, String scope, boolean omitted, List<Node> children) {
    }

    private final Node root;
    private final Map<String, Node> kept = new HashMap<>();

    private DependencyTree(Node root) {
        this.root = root;
        index(root);
    }

    static DependencyTree parse(List<String> lines) {
        Deque<Node> parents = new ArrayDeque<>();
        Node root = null;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            int start = 0;
            while (start < line.length() && "|+-\\ ".indexOf(line.charAt(start)) >= 0) {
                start++;
            }
            int depth = start / 3;
            String text = line.substring(start);
            boolean omitted = text.startsWith("(");
            String[] coordinates = (omitted ? text.substring(1) : text).split("[ )]")[0].split(":");
            String scope = coordinates.length >= 5 ? coordinates[coordinates.length - 1] : "compile";
            Node node = new Node(coordinates[0] + ":" + coordinates[1], scope, omitted, new ArrayList<>());
            while (parents.size() > depth) {
                parents.pop();
            }
            if (parents.isEmpty()) {
                root = node;
            } else {
                parents.peek().children().add(node);
            }
            parents.push(node);
        }
        return new DependencyTree(root);
    }

    private void index(Node node) {
        if (!node.omitted()) {
            kept.putIfAbsent(node.key(), node);
        }
        node.children().forEach(this::index);
    }

    /**
     * Every artifact a dependent project gets from this one: reached from the root through compile and runtime
     * dependencies only, not through {@code leftOut} (the optional direct dependencies). An omitted duplicate is
     * followed into the dependencies it has where Maven kept it.
     */
    Set<String> reachedExcept(Set<String> leftOut) {
        Set<String> reached = new LinkedHashSet<>();
        Deque<Node> work = new ArrayDeque<>();
        root.children().stream().filter(child -> !leftOut.contains(child.key())).forEach(work::push);
        while (!work.isEmpty()) {
            Node node = work.pop();
            if (!(node.scope().equals("compile") || node.scope().equals("runtime")) || !reached.add(node.key())) {
                continue;
            }
            Node full = node.omitted() ? kept.getOrDefault(node.key(), node) : node;
            full.children().forEach(work::push);
        }
        return reached;
    }
}
