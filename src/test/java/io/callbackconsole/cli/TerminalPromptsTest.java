package io.callbackconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.aws.signin.DeviceCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The sign-in page and code come from the network: the terminal gets them escaped, and no code is invented. */
class TerminalPromptsTest {
    @Test
    void theDeviceCodeAndPageArePrintedEscaped() {
        StringWriter out = new StringWriter();
        new TerminalPrompts(new PrintWriter(out), null, null, false).showDeviceCode("ops\u001b[2J",
                new DeviceCode(URI.create("https://device.sso.us-east-1.amazonaws.com/"),
                        URI.create("https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH"),
                        "ABCD\u001b]0;owned\u0007-EFGH", Instant.parse("2026-12-02T01:10:00Z")));
        String printed = out.toString();
        assertThat(printed).doesNotContain("\u001b").doesNotContain("\u0007")
                .contains("https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH")
                .contains("Waiting for the approval until 01:10:00 UTC");
    }

    @Test
    void theMfaCodeComesFromTheFlagAndWithoutTerminalOrFlagThereIsNone() {
        PrintWriter out = new PrintWriter(new StringWriter());
        assertThat(new TerminalPrompts(out, "123456", null, false).mfaCode("ops", "arn:aws:iam::1:mfa/me"))
                .hasValue("123456");
        assertThat(new TerminalPrompts(out, null, null, false).mfaCode("ops", "arn:aws:iam::1:mfa/me")).isEmpty();
    }
}
