package io.callbackconsole.aws.signin;

import java.net.URI;
import java.time.Instant;

/**
 * What the user needs to approve an SSO sign-in in the browser: the page, the code it must show, and how long it waits.
 * The user code is not a secret (it is typed by hand), but the device code behind it is, and is not here.
 *
 * @param verificationUriComplete the page with the code filled in; may be null
 */
public record DeviceCode(URI verificationUri, URI verificationUriComplete, String userCode, Instant expiresAt) {

    /** The page to open: with the code filled in when the service gave one. */
    public URI pageToOpen() {
        return verificationUriComplete != null ? verificationUriComplete : verificationUri;
    }
}
