package dev.sluice.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server's contract, whatever the endpoint: loopback only, JSON errors with a status, never a stack trace. */
class ConsoleServerTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private ConsoleServer server;

    @BeforeEach
    void start() throws Exception {
        server = ConsoleServer.builder()
                .port(0)
                .get(
                        "/api/echo",
                        request -> Response.json(
                                Map.of("n", request.allow(Set.of("n")).intParam("n", 1, 1, 10))))
                .get("/api/boom", request -> {
                    throw new IllegalStateException("secret internals at dev.sluice.Something");
                })
                .post("/api/act", request -> Response.json(Map.of("done", true)))
                .otherwise(new StaticEndpoint())
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listensOnTheLoopbackAddressOnlyAndReportsTheBoundPort() {
        assertThat(server.url().getHost()).isEqualTo("127.0.0.1");
        assertThat(server.url().getPort()).isPositive();
    }

    @Test
    void aBadParameterIsA400WithAMessage() throws Exception {
        HttpResponse<String> r = get("/api/echo?n=abc");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(r.body()).isEqualTo("{\"error\":\"n must be an integer from 1 to 10, got 'abc'\"}");
        assertThat(get("/api/echo?n=11").statusCode()).isEqualTo(400);
        assertThat(get("/api/echo?n=1&n=2").body()).contains("parameter 'n' is given more than once");
        assertThat(get("/api/echo?m=1").body()).isEqualTo("{\"error\":\"unknown parameter 'm'; expected one of [n]\"}");
        assertThat(get("/api/echo?n=7").body()).isEqualTo("{\"n\":7}");
    }

    @Test
    void aFailingEndpointIsA500WithoutItsStackTraceOrMessage() throws Exception {
        HttpResponse<String> r = get("/api/boom");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body())
                .isEqualTo("{\"error\":\"internal error (IllegalStateException); see the sluice log\"}")
                .doesNotContain("dev.sluice");
    }

    @Test
    void aWrongMethodIsA405AndAnUnknownPathA404() throws Exception {
        assertThat(get("/api/act").statusCode()).isEqualTo(405);
        HttpResponse<String> post = http.send(
                HttpRequest.newBuilder(server.url().resolve("/api/echo"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(get("/nope").statusCode()).isEqualTo(404);
        assertThat(get("/nope").body()).isEqualTo("{\"error\":\"no such page: /nope\"}");
    }

    @Test
    void anotherHostOrACrossSitePostIsRefused() throws Exception {
        try (java.net.Socket socket =
                new java.net.Socket(server.url().getHost(), server.url().getPort())) {
            socket.getOutputStream()
                    .write("GET /api/echo HTTP/1.1\r\nHost: rebound.example:80\r\nConnection: close\r\n\r\n"
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String reply = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(reply)
                    .startsWith("HTTP/1.1 403")
                    .endsWith("{\"error\":\"host 'rebound.example:80' is not this console\"}");
        }
        HttpResponse<String> crossSite = http.send(
                HttpRequest.newBuilder(server.url().resolve("/api/act"))
                        .header("Origin", "http://evil.example")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(crossSite.statusCode()).isEqualTo(403);
        HttpResponse<String> sameSite = http.send(
                HttpRequest.newBuilder(server.url().resolve("/api/act"))
                        .header("Origin", "http://127.0.0.1:" + server.url().getPort())
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sameSite.statusCode()).isEqualTo(200);
    }

    @Test
    void servesThePageAndTheVendoredChartLibraryFromTheJar() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<title>Sluice console</title>", "/vendor/uPlot.iife.min.js");
        assertThat(page.body()).doesNotContain("http://", "https://"); // offline: nothing from a CDN
        HttpResponse<String> uplot = get("/vendor/uPlot.iife.min.js");
        assertThat(uplot.statusCode()).isEqualTo(200);
        assertThat(uplot.body()).contains("uPlot");
        assertThat(get("/console.js").body())
                .as("served unfiltered: Maven resource filtering must not eat ${...}")
                .contains("setInterval(refresh, POLL_MS)");
        assertThat(get("/vendor/uPlot.LICENSE").body()).contains("MIT");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
