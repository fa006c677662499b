package io.callbackconsole.cli;

import io.callbackconsole.aws.signin.CredentialPrompts;
import io.callbackconsole.aws.signin.DeviceCode;
import io.callbackconsole.domain.DisplayText;
import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.Console;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in prompts of the command line: the MFA code from {@code --mfa-code}, else asked on the terminal when there is
 * one (never echoed); the SSO page and user code printed (escaped: they come from the network), and the page opened in
 * the browser only where a desktop exists.
 */
final class TerminalPrompts implements CredentialPrompts {
    private static final Logger log = LoggerFactory.getLogger(TerminalPrompts.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final PrintWriter out;
    private final String mfaCode;
    private final Console terminal;
    private final boolean openBrowser;

    /**
     * @param mfaCode  the code given on the command line, or null
     * @param terminal the terminal to ask on, or null when there is none (a script, a pipe)
     */
    TerminalPrompts(PrintWriter out, String mfaCode, Console terminal, boolean openBrowser) {
        this.out = out;
        this.mfaCode = mfaCode;
        this.terminal = terminal;
        this.openBrowser = openBrowser;
    }

    @Override
    public Optional<String> mfaCode(String profile, String mfaSerial) {
        if (mfaCode != null) {
            return Optional.of(mfaCode);
        }
        if (terminal == null) {
            return Optional.empty();
        }
        char[] typed = terminal.readPassword("%s", TerminalWords.text("prompt.mfaCode", DisplayText.escape(profile),
                DisplayText.escape(mfaSerial)));
        if (typed == null) {
            return Optional.empty();
        }
        String code = new String(typed).strip();
        java.util.Arrays.fill(typed, '\0');
        return code.isEmpty() ? Optional.empty() : Optional.of(code);
    }

    @Override
    public void showDeviceCode(String profile, DeviceCode code) {
        out.println(TerminalWords.text("prompt.openPage", DisplayText.escape(profile)));
        out.println();
        out.println("    " + DisplayText.escape(code.pageToOpen().toString()));
        out.println();
        out.println(TerminalWords.text("prompt.checkCode", DisplayText.escape(code.userCode())));
        out.println(TerminalWords.text("prompt.waiting", TIME.format(code.expiresAt())));
        out.flush();
        if (openBrowser && desktopCanBrowse()) {
            try {
                Desktop.getDesktop().browse(code.pageToOpen());
            } catch (Exception e) {
                // The printed page is enough; say why the browser did not open.
                log.info("Cannot open the browser: {}", e.toString());
            }
        }
    }

    private static boolean desktopCanBrowse() {
        try {
            return !GraphicsEnvironment.isHeadless() && Desktop.isDesktopSupported()
                    && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE);
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
