package example;

import org.apache.camel.main.Main;

/**
 * The host: Camel Main reads {@code application.properties}, which loads the webhook action definitions from
 * {@code routes/} next to the host's own {@link GreetingRoutes}.
 */
public final class GreeterApplication {

    private GreeterApplication() {
    }

    public static void main(String[] args) throws Exception {
        newMain().run(args);
    }

    /** The application as {@code main} runs it; tests start it with their own properties on top. */
    public static Main newMain() {
        // No main class: Camel Main would then scan this package for RouteBuilders (tests' ones included).
        Main main = new Main();
        main.configure().addRoutesBuilder(new GreetingRoutes());
        return main;
    }
}
