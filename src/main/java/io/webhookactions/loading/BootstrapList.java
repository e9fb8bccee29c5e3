package io.webhookactions.loading;

import java.lang.reflect.Field;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.BootstrapCloseable;

/**
 * The list of a context's bootstrap tasks (run once when it has started), holding one per route created before then:
 * Camel 4.18 keeps them in a {@code CopyOnWriteArrayList}, so creating n routes copies the list n times (at 10 000
 * routes, 50 million references and close to 200 MB of garbage, growing with the square of the routes). This list
 * adds in constant time and, as Camel's, is safe to add to from any thread and iterates over a snapshot (a task may
 * add another while the list is run).
 */
final class BootstrapList extends AbstractList<BootstrapCloseable> {

    private final List<BootstrapCloseable> tasks = new ArrayList<>();

    /**
     * Puts this list in place of Camel's in {@code context}, with the tasks already there. Leaves Camel's in place when
     * a later Camel moved it (then its list is used as it is).
     */
    static void install(CamelContext context) {
        Object extension = context.getCamelContextExtension();
        try {
            Field field = extension.getClass().getDeclaredField("bootstraps");
            field.setAccessible(true);
            @SuppressWarnings("unchecked")
            List<BootstrapCloseable> camels = (List<BootstrapCloseable>) field.get(extension);
            BootstrapList list = new BootstrapList();
            list.addAll(camels);
            field.set(extension, list);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Camel's own list: correct, only slower to fill with many routes.
        }
    }

    @Override
    public synchronized boolean add(BootstrapCloseable task) {
        return tasks.add(task);
    }

    @Override
    public synchronized BootstrapCloseable get(int index) {
        return tasks.get(index);
    }

    @Override
    public synchronized int size() {
        return tasks.size();
    }

    @Override
    public synchronized void clear() {
        tasks.clear();
    }

    @Override
    public synchronized Iterator<BootstrapCloseable> iterator() {
        return List.copyOf(tasks).iterator();
    }
}
