package io.webhookactions.bench;

/**
 * Runs one scenario of the product for a while, for a profiler (JFR) to watch:
 * {@code java -XX:StartFlightRecording=... ProfileMain get|get_history|history_ab|post_hmac|oauth|raw_get SECONDS} ({@link ScaleBench}
 * profiles {@code serve} with N definitions the same way).
 */
public final class ProfileMain {

    private ProfileMain() {
    }

    public static void main(String[] args) throws Exception {
        String scenario = args.length > 0 ? args[0] : "get";
        long millis = (args.length > 1 ? Long.parseLong(args[1]) : 15) * 1000;
        if (scenario.equals("history_ab")) {
            // The history bench part's on/off comparison alone, shorter: warm-up 3 s each, then 5 rounds
            HistoryBench.throughput(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(),
                    java.nio.file.Files.createTempDirectory("profile-history"), 16, 3000, millis, 5);
            return;
        }
        // get_history: GET with the history recording into an H2 file, as the history bench part's "on"
        try (BenchUpstream upstream = new BenchUpstream(); RouteScenarios route = new RouteScenarios(upstream);
             RawScenarios raw = new RawScenarios(upstream);
             io.webhookactions.history.ExecutionHistory history = scenario.equals("get_history")
                     ? io.webhookactions.history.ExecutionHistory.open(io.webhookactions.history.HistorySettings.defaults(
                             "jdbc:h2:file:" + java.nio.file.Files.createTempDirectory("profile-history").resolve("profile")))
                     : null) {
            if (history != null) {
                history.store().count();
                route.actions().addListener(history);
            }
            Load.Call call = switch (scenario) {
                case "post_hmac" -> route::postHmac;
                case "oauth" -> route::oauth;
                case "raw_get" -> raw::get;
                default -> route::get;
            };
            System.out.printf("%s: %.0f/s%n", scenario, Load.throughput(call, 16, 3000, millis));
            if (history != null && Boolean.getBoolean("profile.show-record")) {
                Thread.sleep(1000);
                String id = history.store().list(io.webhookactions.history.HistoryQuery.newest(1)).items().get(0).id();
                System.out.println(history.store().find(id).orElseThrow().detail());
            }
        }
    }
}
