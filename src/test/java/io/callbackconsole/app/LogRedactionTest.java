package io.callbackconsole.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Credentials and signatures never reach a log line, whatever the level. */
class LogRedactionTest {
    static final String ACCESS_KEY = "ASIAQWERTYUIOPASDFGH";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDsessionTokenTail";

    @TempDir
    Path dataDir;

    @Test
    void headersParametersAndKeysAreMaskedAndTheirNamesKept() {
        assertThat(LogRedaction.redact("http-outgoing-0 >> x-amz-security-token: " + SESSION_TOKEN))
                .isEqualTo("http-outgoing-0 >> x-amz-security-token: ****");
        assertThat(LogRedaction.redact("http-outgoing-0 >> \"X-Amz-Security-Token: " + SESSION_TOKEN + "[\\r][\\n]\""))
                .isEqualTo("http-outgoing-0 >> \"X-Amz-Security-Token: ****[\\r][\\n]\"");
        assertThat(LogRedaction.redact("AWS4 Canonical Request: POST\n/\n\nhost:127.0.0.1\nx-amz-date:20261201T000000Z"
                + "\nx-amz-security-token:" + SESSION_TOKEN + "\n\nhost;x-amz-date;x-amz-security-token"))
                .doesNotContain(SESSION_TOKEN).contains("x-amz-security-token:****\n")
                .contains("host;x-amz-date;x-amz-security-token");
        String authorization = "Authorization: AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/20261201/us-east-2/sqs/"
                + "aws4_request, SignedHeaders=host;x-amz-date, Signature=0123456789abcdef0123456789abcdef";
        assertThat(LogRedaction.redact(authorization)).isEqualTo("Authorization: ****");
        assertThat(LogRedaction.redact("GET https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=" + ACCESS_KEY + "%2F20261201&X-Amz-Security-Token=" + SESSION_TOKEN
                + "&X-Amz-Signature=abcdef0123 HTTP/1.1")).isEqualTo("GET https://b.s3.amazonaws.com/k?X-Amz-Algorithm="
                + "AWS4-HMAC-SHA256&X-Amz-Credential=****&X-Amz-Security-Token=****&X-Amz-Signature=****");
        assertThat(LogRedaction.redact("profile ops: aws_secret_access_key = " + SECRET))
                .isEqualTo("profile ops: aws_secret_access_key = ****");
        assertThat(LogRedaction.redact("credentials of " + ACCESS_KEY + " expired"))
                .isEqualTo("credentials of **** expired");
        assertThat(LogRedaction.redact("Authorization failed for alice; AuthorizationError"))
                .isEqualTo("Authorization failed for alice; AuthorizationError");
        assertThat(LogRedaction.redact("History at /x/history.db (schema version 3)"))
                .isEqualTo("History at /x/history.db (schema version 3)");
    }

    @Test
    void theSdksDebugLoggersWriteNoSessionTokenIntoTheLogFile() throws Exception {
        HttpServer sqs = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        sqs.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"QueueUrls\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        sqs.start();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger sdk = context.getLogger("software.amazon.awssdk");
        Level before = sdk.getLevel();
        Path file = LogFile.start(new AppDirectories(dataDir));
        try (SqsClient client = SqsClient.builder().region(Region.US_EAST_2)
                .endpointOverride(URI.create("http://127.0.0.1:" + sqs.getAddress().getPort()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsSessionCredentials.create(ACCESS_KEY, SECRET, SESSION_TOKEN)))
                .httpClientBuilder(ApacheHttpClient.builder()).build()) {
            sdk.setLevel(Level.DEBUG);
            client.listQueues();
        } finally {
            sdk.setLevel(before);
            var root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            var appender = root.getAppender(LogFile.APPENDER_NAME);
            root.detachAppender(appender);
            appender.stop();
            sqs.stop(0);
        }
        String log = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(log).as("the SDK logged the signed request").containsIgnoringCase("x-amz-security-token:****");
        assertThat(log).doesNotContain(SESSION_TOKEN).doesNotContain(SECRET).doesNotContain(ACCESS_KEY);
    }

    @Test
    void theStderrEncoderRedactsMessagesArgumentsAndStackTraces() {
        LoggerContext context = new LoggerContext();
        new ConsoleLogging().configure(context);
        @SuppressWarnings("unchecked")
        var stderr = (ch.qos.logback.core.ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent>)
                context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
        ch.qos.logback.classic.Logger wire = context.getLogger("software.amazon.awssdk.request");
        var debug = new ch.qos.logback.classic.spi.LoggingEvent(Logger.class.getName(), wire, Level.DEBUG,
                "Sending Request: headers: x-amz-security-token: {}, Authorization: {}", null,
                new Object[] {SESSION_TOKEN, "AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/x"});
        var failure = new ch.qos.logback.classic.spi.LoggingEvent(Logger.class.getName(), wire, Level.WARN,
                "failed", new IllegalStateException("x-amz-security-token=" + SESSION_TOKEN), null);

        String printed = new String(stderr.getEncoder().encode(debug), StandardCharsets.UTF_8)
                + new String(stderr.getEncoder().encode(failure), StandardCharsets.UTF_8);

        assertThat(printed).contains("x-amz-security-token: ****").contains("Authorization: ****")
                .contains("IllegalStateException: x-amz-security-token=****")
                .doesNotContain(SESSION_TOKEN).doesNotContain(ACCESS_KEY);
    }
}
