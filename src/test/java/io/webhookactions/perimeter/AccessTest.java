package io.webhookactions.perimeter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The role each request of the service needs (SPEC §10); none for the panel, health and the demo. */
class AccessTest {

    @ParameterizedTest(name = "{0} {1} needs {2}")
    @CsvSource({
        "GET,    /observe/metrics,                 VIEWER",
        "GET,    /observe/metrics/prometheus,      VIEWER",
        "POST,   /observe/metrics,                 VIEWER",
        "GET,    /api/actions,                     VIEWER",
        "HEAD,   /api/actions,                     VIEWER",
        "GET,    /api/actions/get_user,            VIEWER",
        "GET,    /api/problems,                    VIEWER",
        "GET,    /api/executions,                  VIEWER",
        "GET,    /api/executions/42,               VIEWER",
        "GET,    /api/settings,                    ADMIN",
        "HEAD,   /api/keys,                        ADMIN",
        "GET,    /api,                             ADMIN",
        "GET,    /api/,                            ADMIN",
        "POST,   /api/actions/get_user/test,       TESTER",
        "POST,   /api/actions/get_user/execute,    EXECUTOR",
        "POST,   /api/pipelines/execute,           EXECUTOR",
        "POST,   /api/actions/a/b/test,            ADMIN",
        "POST,   /api/actions//test,               ADMIN",
        "POST,   /api/actions/get_user/test/x,     ADMIN",
        "POST,   /api/actions/a/b/execute,         ADMIN",
        "POST,   /api/actions/get_user/execute/x,  ADMIN",
        "POST,   /api/pipelines/execute/x,         ADMIN",
        "PUT,    /api/actions/get_user/test,       ADMIN",
        "PUT,    /api/actions/get_user/execute,    ADMIN",
        "DELETE, /api/actions/get_user,            ADMIN",
        "DELETE, /api/executions,                  ADMIN",
        "POST,   /api/reload,                      ADMIN",
        "POST,   /api,                             ADMIN",
        "OPTIONS, /api/actions,                    ADMIN",
    })
    void eachApiRequestNeedsItsRole(String method, String path, Role needed) {
        assertThat(Access.needed(method, path)).isEqualTo(needed);
    }

    @ParameterizedTest(name = "{0} {1} needs no role")
    @CsvSource({
        "GET,  /",
        "GET,  /panel/app.js",
        "GET,  /observe/health",
        "GET,  /observe/metricsx",
        "GET,  /apis",
        "GET,  /apiactions",
        "POST, /demo/weather",
        "GET,  /x/api/actions",
    })
    void thePanelHealthAndDemoNeedNoRole(String method, String path) {
        assertThat(Access.needed(method, path)).isNull();
    }
}
