package io.webhookactions.loading;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import io.webhookactions.runtime.ActionRoutes;
import io.webhookactions.runtime.WebhookActions;
import org.apache.camel.CamelContext;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes an action when its file is deleted. Camel's route watcher reloads created and modified files
 * only; this completes it for deletions, and acts only while that watcher is on (route reloading
 * enabled), so a host that turned reloading off keeps its routes as loaded.
 */
final class DeletedDefinitionWatcher extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(DeletedDefinitionWatcher.class);
    private static final String BEAN = "webhookActionsDeletedDefinitionWatcher";

    private final CamelContext context;
    private final Map<Path, String> routeByFile = new ConcurrentHashMap<>();
    private final Map<String, Path> fileByRoute = new ConcurrentHashMap<>();
    private final Set<Path> folders = ConcurrentHashMap.newKeySet();
    private WatchService watchService;
    private Thread thread;

    private DeletedDefinitionWatcher(CamelContext context) {
        this.context = context;
    }

    static synchronized DeletedDefinitionWatcher in(CamelContext context) {
        DeletedDefinitionWatcher watcher = context.getRegistry().lookupByNameAndType(BEAN, DeletedDefinitionWatcher.class);
        if (watcher == null) {
            if (context.isStopping() || context.isStopped()) {
                // No service may join a context that is stopping (its service list is being walked): a watcher
                // for a stopping context has nothing to watch for.
                return new DeletedDefinitionWatcher(context);
            }
            watcher = new DeletedDefinitionWatcher(context);
            context.getRegistry().bind(BEAN, watcher);
            try {
                context.addService(watcher, true, true);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the definition watcher", e);
            }
        }
        return watcher;
    }

    void watch(Path file, String routeId) {
        Path absolute = file.toAbsolutePath().normalize();
        Path previous = fileByRoute.put(routeId, absolute);
        if (previous != null && !previous.equals(absolute)) {
            routeByFile.remove(previous, routeId);
        }
        routeByFile.put(absolute, routeId);
        watchFolderOf(absolute);
    }

    /** Watches the folder of {@code file} (a broken file too: its deletion ends its problem). */
    void watchFolderOf(Path file) {
        Path folder = file.toAbsolutePath().normalize().getParent();
        if (folder != null && folders.add(folder)) {
            try {
                ensureStarted();
                folder.register(watchService, StandardWatchEventKinds.ENTRY_DELETE);
            } catch (IOException e) {
                folders.remove(folder);
                LOG.warn("cannot watch {} for deleted definitions: {}", folder, e.getMessage());
            }
        }
    }

    private synchronized void ensureStarted() throws IOException {
        if (watchService != null) {
            return;
        }
        watchService = FileSystems.getDefault().newWatchService();
        thread = new Thread(this::run, "webhook-actions-deleted-definitions");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = watchService.take();
                Path folder = (Path) key.watchable();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.ENTRY_DELETE && event.context() instanceof Path name) {
                        removed(folder.resolve(name).toAbsolutePath().normalize());
                    }
                }
                key.reset();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void removed(Path file) {
        if (context.isStopping() || context.isStopped()) {
            return; // a deletion seen while the service stops changes nothing that will run again
        }
        String routeId = routeByFile.get(file);
        if (routeId != null && !context.hasServices(RouteWatcherReloadStrategy.class).isEmpty()) {
            removeRoute(file, routeId);
        }
        // A deleted file is no longer broken, whether or not it ever loaded (cleared last: whoever sees the
        // problem gone sees the route gone too).
        WebhookActions.in(context).problems().clearedFile(file);
    }

    private void removeRoute(Path file, String routeId) {
        // Unregister first: from here on a call answers "no such action" instead of reaching a stopping route.
        WebhookActions.in(context).registry().unregister(ActionRoutes.actionOf(routeId));
        try {
            context.getRouteController().stopRoute(routeId);
            if (context.removeRoute(routeId)) {
                routeByFile.remove(file, routeId);
                fileByRoute.remove(routeId, file);
                LOG.info("{} was deleted: removed action route {}", file, routeId);
            }
        } catch (Exception e) {
            LOG.warn("{} was deleted but route {} could not be removed: {}", file, routeId, e.getMessage());
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (watchService != null) {
            watchService.close();
        }
        if (thread != null) {
            thread.interrupt();
        }
    }
}
