package io.outdial.testsupport;

import java.net.URI;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * Requests to the management interface of the service a {@code @QuarkusTest} runs ({@code /q/health},
 * {@code /q/metrics}, {@code /internal/**}). The test gets its address with
 * {@code @TestHTTPResource(value = "/", management = true) URI management}.
 */
public final class ManagementPort {

    private ManagementPort() {
    }

    /** RestAssured aimed at the management port. */
    public static RequestSpecification given(URI management) {
        return RestAssured.given().baseUri("http://" + management.getHost()).port(management.getPort());
    }

    /** RestAssured aimed at the management port, with the service's current internal token. */
    public static RequestSpecification internal(URI management) {
        return given(management).header("Authorization", "Bearer " + tokens().get(0));
    }

    /** The service's internal tokens ({@code outdial.internal.tokens}): the current one first. */
    public static List<String> tokens() {
        return ConfigProvider.getConfig().getValues("outdial.internal.tokens", String.class);
    }

    /** The base URI of the management port, for clients other than RestAssured. */
    public static URI baseUri(URI management) {
        return URI.create("http://" + management.getHost() + ":" + management.getPort());
    }
}
