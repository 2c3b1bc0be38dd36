package dev.tessera.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** A Graph client over the gateway, as a script using curl would be: base URL and bearer token. */
record Graph(String baseUrl, String token) {

    RequestSpecification call() {
        return given().baseUri(baseUrl).auth().oauth2(token).contentType(ContentType.JSON);
    }

    ValidatableResponse post(String path, String body) {
        return call().body(body).when().post(path).then();
    }

    ValidatableResponse get(String path) {
        return call().when().get(path).then();
    }

    /** GET with one query option, e.g. {@code $filter}; RestAssured percent-encodes it. */
    ValidatableResponse get(String path, String option, String value) {
        return call().queryParam(option, value).when().get(path).then();
    }

    /** GET a URL exactly as given (an @odata.nextLink is already encoded). */
    ValidatableResponse getVerbatim(String url) {
        return given().urlEncodingEnabled(false).auth().oauth2(token).when().get(url).then();
    }

    Graph as(String otherToken) {
        return new Graph(baseUrl, otherToken);
    }
}
