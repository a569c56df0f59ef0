package dev.spillway.engine.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/** The last finished requests, as the dashboard shows them, newest first; kept in memory. */
final class RecentRequests {

    static final int CAPACITY = 500;

    private final Deque<ObjectNode> rows = new ArrayDeque<>(CAPACITY);

    synchronized void add(ObjectNode row) {
        if (rows.size() == CAPACITY) {
            rows.removeLast();
        }
        rows.addFirst(row);
    }

    synchronized List<ObjectNode> latest(int limit) {
        List<ObjectNode> out = new ArrayList<>(Math.min(limit, rows.size()));
        Iterator<ObjectNode> it = rows.iterator();
        while (it.hasNext() && out.size() < limit) {
            out.add(it.next());
        }
        return out;
    }

    synchronized void clear() {
        rows.clear();
    }
}
