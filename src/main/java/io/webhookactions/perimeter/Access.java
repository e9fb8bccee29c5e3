package io.webhookactions.perimeter;

/** The role each request of the service needs (SPEC §10); null where no token is ever needed. */
public final class Access {

    private Access() {
    }

    /** @param method the request method, upper case */
    public static Role needed(String method, String path) {
        if (path.equals("/observe/metrics") || path.startsWith("/observe/metrics/")) {
            return Role.VIEWER;
        }
        if (!path.startsWith("/api/") && !path.equals("/api")) {
            // The panel page and its files, health, the demo: the page asks for a key when its data needs one.
            return null;
        }
        if (method.equals("GET") || method.equals("HEAD")) {
            return path.startsWith("/api/actions") || path.startsWith("/api/problems") || path.startsWith("/api/executions")
                    ? Role.VIEWER : Role.ADMIN;
        }
        if (method.equals("POST") && path.matches("/api/actions/[^/]+/test")) {
            return Role.TESTER;
        }
        if (method.equals("POST") && (path.matches("/api/actions/[^/]+/execute") || path.equals("/api/pipelines/execute"))) {
            return Role.EXECUTOR;
        }
        return Role.ADMIN;
    }
}
