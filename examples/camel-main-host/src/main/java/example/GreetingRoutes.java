package example;

import org.apache.camel.builder.RouteBuilder;

/** The host's own route: looks a user up with the get_user action and builds a greeting from what it mapped. */
public class GreetingRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("direct:welcome").routeId("welcome")
                .setHeader("CamelWebhookActionContexts", simple("${body}"))
                .to("webhook-action:get_user?keepBody=true")
                .choice()
                    .when(header("CamelWebhookActionSuccess").isEqualTo(true))
                        .setBody(simple("Welcome back, ${header.CamelWebhookActionAttributes[user][user_name]}!"))
                    .otherwise()
                        .setBody(constant("Welcome!"));
    }
}
