package io.webhookactions.bench;

/**
 * Runs one scenario of the product for a while, for a profiler (JFR) to watch:
 * {@code java -XX:StartFlightRecording=... ProfileMain get|post_hmac|oauth|raw_get SECONDS} ({@link ScaleBench}
 * profiles {@code serve} with N definitions the same way).
 */
public final class ProfileMain {

    private ProfileMain() {
    }

    public static void main(String[] args) throws Exception {
        String scenario = args.length > 0 ? args[0] : "get";
        long millis = (args.length > 1 ? Long.parseLong(args[1]) : 15) * 1000;
        try (BenchUpstream upstream = new BenchUpstream(); RouteScenarios route = new RouteScenarios(upstream);
             RawScenarios raw = new RawScenarios(upstream)) {
            Load.Call call = switch (scenario) {
                case "post_hmac" -> route::postHmac;
                case "oauth" -> route::oauth;
                case "raw_get" -> raw::get;
                default -> route::get;
            };
            System.out.printf("%s: %.0f/s%n", scenario, Load.throughput(call, 16, 3000, millis));
        }
    }
}
