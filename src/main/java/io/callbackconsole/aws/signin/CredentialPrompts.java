package io.callbackconsole.aws.signin;

import java.util.Optional;

/**
 * What sign-in asks of the person at the console: the window answers with dialogs, the command line with its flags
 * and the terminal. Called on the sign-in's own (background) thread, never on the FX thread.
 */
public interface CredentialPrompts {

    /**
     * The current code of the MFA device, or empty when none can be had (no terminal, the user cancelled).
     *
     * @param profile the profile that assumes the role
     * @param mfaSerial the device's serial number or ARN, as the profile names it
     */
    Optional<String> mfaCode(String profile, String mfaSerial);

    /** Shows where and with which code to approve an SSO sign-in; polling starts when this returns. */
    void showDeviceCode(String profile, DeviceCode code);

    /** Prompts that can ask nothing: sign-in fails with MFA_REQUIRED, and SSO sign-in shows no code. */
    static CredentialPrompts none() {
        return new CredentialPrompts() {
            @Override
            public Optional<String> mfaCode(String profile, String mfaSerial) {
                return Optional.empty();
            }

            @Override
            public void showDeviceCode(String profile, DeviceCode code) {
            }
        };
    }
}
