package io.callbackconsole.aws;

import io.callbackconsole.aws.signin.AssumedRoleSessionCache;
import io.callbackconsole.aws.signin.AwsCacheFolders;
import io.callbackconsole.aws.signin.ConnectionCredentials;
import io.callbackconsole.aws.signin.CredentialProblem;
import io.callbackconsole.aws.signin.CredentialState;
import io.callbackconsole.aws.signin.MfaRoleCredentialsProvider;
import io.callbackconsole.aws.signin.SignInProfile;
import io.callbackconsole.aws.signin.SsoRoleCredentialsProvider;
import io.callbackconsole.aws.signin.SsoTokenCache;
import io.callbackconsole.domain.InvalidInputException;
import java.time.Clock;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Builds the AWS clients of one connection. Resolves the region and the credentials once, when created; every client
 * it builds owns its own HTTP client and must be closed by whoever asked for it. Closing the factory releases the
 * credentials provider (an SSO profile holds a client of its own). {@link #prepareClients} builds a connection's first
 * SQS, SageMaker and STS clients ahead, on a launcher thread, and hands each over once.
 *
 * <p>Credentials: the sandbox uses fixed dummy keys and refuses to build a client without an endpoint override, so
 * they can never be sent to AWS. A named SSO profile uses the sign-in cached in ~/.aws/sso/cache
 * ({@link SsoRoleCredentialsProvider}); an assume-role profile with {@code mfa_serial} the session cached in
 * ~/.aws/cli/cache ({@link MfaRoleCredentialsProvider}); any other profile the SDK's profile provider (static keys,
 * assume-role, credential_process, web identity); no profile the SDK's default chain. Every client gets the same
 * {@link ConnectionCredentials}, which no client can close, and which turns a credential failure into a
 * {@link CredentialProblem}. Credentials are never logged and never appear in {@link #toString()}.
 */
public final class AwsClientFactory implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AwsClientFactory.class);
    /** The sandbox's region when the settings name none; the sandbox does not care, but queue ARNs name one. */
    public static final Region SANDBOX_DEFAULT_REGION = Region.US_EAST_2;

    private final ConnectionSettings settings;
    private final ClientTuning tuning;
    private final Region region;
    /** What every client is given: shared, never closed by a client. */
    private final AwsCredentialsProvider credentials;
    /** The provider behind {@link #credentials}, closed with the factory. */
    private final AwsCredentialsProvider owned;
    /** Clients {@link #prepareClients} built ahead, each handed to the first caller that asks; closed if never asked. */
    private SqsClient preparedSqs;
    private SageMakerClient preparedSageMaker;
    private StsClient preparedSts;
    private boolean closed;

    private AwsClientFactory(ConnectionSettings settings, ClientTuning tuning, Region region,
                             AwsCredentialsProvider credentials, AwsCredentialsProvider owned) {
        this.settings = settings;
        this.tuning = tuning;
        this.region = region;
        this.credentials = credentials;
        this.owned = owned;
    }

    /**
     * @throws InvalidInputException when the named profile does not exist or an SSO or MFA profile lacks a setting; the
     *                               message says what to set
     * @throws CredentialProblem     REGION_MISSING when no region can be found; the message names the profile
     */
    public static AwsClientFactory create(ConnectionSettings settings) {
        Objects.requireNonNull(settings, "settings");
        return create(settings, settings.tuning());
    }

    /** As {@link #create(ConnectionSettings)}, with other deadlines and retries than the settings name. */
    public static AwsClientFactory create(ConnectionSettings settings, ClientTuning tuning) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(tuning, "tuning");
        if (settings.sandbox()) {
            Region region = settings.region() == null ? SANDBOX_DEFAULT_REGION : Region.of(settings.region());
            // Dummy keys: ElasticMQ and the simulator accept any signature.
            AwsCredentialsProvider dummy = StaticCredentialsProvider.create(AwsBasicCredentials.create("sandbox", "sandbox"));
            return new AwsClientFactory(settings, tuning, region, dummy, dummy);
        }
        ProfileFile profiles = loadProfileFile();
        if (settings.profile() != null && profiles.profile(settings.profile()).isEmpty()) {
            List<String> known = profileNames(profiles);
            throw new InvalidInputException("There is no AWS profile named \"" + settings.profile()
                    + "\" in ~/.aws/config or ~/.aws/credentials" + (known.isEmpty() ? "; there are none. Run aws configure "
                    + "(or aws configure sso) to create one." : ". Known profiles: " + String.join(", ", known) + "."));
        }
        Region region = resolveRegion(settings, profiles, AwsClientFactory::defaultChainRegion);
        AwsCredentialsProvider owned = credentialsOf(settings.profile(), profiles, AwsCacheFolders.resolve());
        String roleArn = settings.profile() == null ? null
                : SignInProfile.roleArnOf(profiles, settings.profile()).orElse(null);
        log.info("AWS connection {} in region {} with {}; SageMaker calls: {}; SQS calls: {}; STS: {}",
                settings.profile() == null ? "default" : settings.profile(), region.id(), owned,
                tuning.sageMaker().describe(), tuning.sqs().describe(), tuning.sts().describe());
        return new AwsClientFactory(settings, tuning, region,
                new ConnectionCredentials(owned, settings.profile(), roleArn), owned);
    }

    /** The provider a profile signs in with (see the class comment); the default chain without a profile. */
    static AwsCredentialsProvider credentialsOf(String profile, ProfileFile profiles, AwsCacheFolders caches) {
        if (profile == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        SignInProfile signIn = SignInProfile.of(profiles, profile);
        return switch (signIn.kind()) {
            // The portal and OIDC endpoints are AWS's, or where AWS_ENDPOINT_URL_SSO(_OIDC) point.
            case SSO -> new SsoRoleCredentialsProvider(profile, signIn.sso(), new SsoTokenCache(caches.ssoTokens()),
                    null, null, Clock.systemUTC());
            case MFA_ROLE -> new MfaRoleCredentialsProvider(profile, signIn.mfaRole(),
                    new AssumedRoleSessionCache(caches.assumedRoleSessions()), Clock.systemUTC());
            case SDK -> ProfileCredentialsProvider.builder().profileFile(profiles).profileName(profile).build();
        };
    }

    /** The profiles as the console reads them (for sign-in, which needs the same view as the connection). */
    public static ProfileFile profileFile() {
        return loadProfileFile();
    }

    /** The deadlines and retries every client of this factory gets. */
    public ClientTuning tuning() {
        return tuning;
    }

    public Region region() {
        return region;
    }

    public ConnectionSettings settings() {
        return settings;
    }

    /**
     * SQS with {@code tuning.sqs()} for every call; a receive's own deadline adds its long-poll wait (set per request
     * by {@link SqsCallbackInbox}), so the socket may stay silent for the longest long poll plus one attempt.
     */
    public SqsClient sqs() {
        synchronized (this) {
            SqsClient prepared = preparedSqs;
            preparedSqs = null;
            if (prepared != null) {
                return prepared;
            }
        }
        return newSqs();
    }

    /**
     * Builds the SQS, SageMaker and STS clients a connection opens with now, so the first {@link #sqs},
     * {@link #sageMaker} and {@link #sts} hand them over instead of building them: blocking, for a launcher thread
     * that runs it while the window's first frame is drawn. Building the first clients of a JVM loads and links the
     * SDK (its HTTP client, signer, endpoint rules, each service's model), which takes longer than the first receive.
     */
    public void prepareClients() {
        SqsClient sqs = newSqs();
        SageMakerClient sageMaker = newSageMaker();
        StsClient sts = newSts();
        boolean late;
        synchronized (this) {
            late = closed;
            if (!late) {
                preparedSqs = sqs;
                preparedSageMaker = sageMaker;
                preparedSts = sts;
            }
        }
        if (late) {
            // The connection closed (or was abandoned) while they were being built.
            closeAll(sqs, sageMaker, sts);
        }
    }

    private SqsClient newSqs() {
        Duration longestSilence = Duration.ofSeconds(SqsCallbackInbox.MAX_WAIT_SECONDS).plus(tuning.sqs().perAttempt());
        return configure(SqsClient.builder(), settings.sqsEndpoint(), "SQS", tuning.sqs(), longestSilence).build();
    }

    public SageMakerClient sageMaker() {
        synchronized (this) {
            SageMakerClient prepared = preparedSageMaker;
            preparedSageMaker = null;
            if (prepared != null) {
                return prepared;
            }
        }
        return newSageMaker();
    }

    private SageMakerClient newSageMaker() {
        return configure(SageMakerClient.builder(), settings.sageMakerEndpoint(), "SageMaker", tuning.sageMaker(),
                tuning.sageMaker().perAttempt()).build();
    }

    /** STS with the short {@code tuning.sts()} deadline: only {@link CallerIdentityLookup} asks it. */
    public StsClient sts() {
        synchronized (this) {
            StsClient prepared = preparedSts;
            preparedSts = null;
            if (prepared != null) {
                return prepared;
            }
        }
        return newSts();
    }

    private StsClient newSts() {
        return configure(StsClient.builder(), settings.stsEndpoint(), "STS", tuning.sts(), tuning.sts().perAttempt())
                .build();
    }

    /**
     * IAM, for the account alias only ({@link AccountAliasLookup}), with {@code deadline}. IAM is global: whatever
     * the connection's region, the SDK sends to IAM's one endpoint unless {@code settings.iamEndpoint()} names another.
     */
    public IamClient iam(CallDeadline deadline) {
        return configure(IamClient.builder(), settings.iamEndpoint(), "IAM", deadline, deadline.perAttempt()).build();
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, URI endpoint,
            String service, CallDeadline deadline, Duration socketTimeout) {
        if (settings.sandbox() && endpoint == null) {
            throw new IllegalStateException("The sandbox has no " + service + " endpoint; the sandbox launcher must set "
                    + "one in the connection settings before " + service + " can be used.");
        }
        builder.region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(tuning.connectTimeout())
                        .socketTimeout(socketTimeout)
                        .connectionAcquisitionTimeout(tuning.connectTimeout()))
                .overrideConfiguration(overrides(deadline));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }

    private ClientOverrideConfiguration overrides(CallDeadline deadline) {
        ClientOverrideConfiguration.Builder overrides = ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(deadline.perAttempt())
                .apiCallTimeout(deadline.total())
                .retryStrategy(retryStrategy(tuning, deadline.attempts()));
        if (settings.profile() != null && !settings.sandbox()) {
            // Per-profile SDK settings (ca_bundle, endpoint_url, ...) come from the same profile as the credentials.
            overrides.defaultProfileName(settings.profile());
        }
        return overrides.build();
    }

    /**
     * The SDK's adaptive strategy (RetryMode.ADAPTIVE_V2): AWS's retry conditions plus a client-side rate limiter
     * that slows down after throttling, so bursts of submissions are absorbed instead of failing.
     */
    static RetryStrategy retryStrategy(ClientTuning tuning, int maxAttempts) {
        return AwsRetryStrategy.adaptiveRetryStrategy().toBuilder()
                .maxAttempts(maxAttempts)
                .backoffStrategy(BackoffStrategy.exponentialDelay(tuning.backoffBase(), tuning.backoffMax()))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(tuning.throttlingBackoffBase(),
                        tuning.backoffMax()))
                .build();
    }

    /** Settings first, then the profile's region, then the SDK's default chain (AWS_REGION, default profile, ...). */
    static Region resolveRegion(ConnectionSettings settings, ProfileFile profiles,
                                Supplier<Optional<Region>> defaultChain) {
        if (settings.region() != null) {
            return Region.of(settings.region());
        }
        if (settings.profile() != null) {
            Optional<String> fromProfile = profiles.profile(settings.profile())
                    .flatMap(p -> p.property(ProfileProperty.REGION))
                    .filter(r -> !r.isBlank());
            if (fromProfile.isPresent()) {
                return Region.of(fromProfile.get().trim());
            }
        }
        return defaultChain.get().orElseThrow(() ->
                new CredentialProblem(CredentialState.REGION_MISSING, settings.profile(), null));
    }

    static Optional<Region> defaultChainRegion() {
        try {
            return Optional.ofNullable(DefaultAwsRegionProviderChain.builder().build().getRegion());
        } catch (SdkException e) {
            log.debug("The SDK's default region chain found no region: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The profiles in ~/.aws/config and ~/.aws/credentials (or where AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE and
     * the aws.configFile / aws.sharedCredentialsFile properties point), sorted; empty when there are none or the files
     * cannot be read.
     */
    public static List<String> profileNames() {
        return profileNames(loadProfileFile());
    }

    static List<String> profileNames(ProfileFile profiles) {
        return new ArrayList<>(new TreeSet<>(profiles.profiles().keySet()));
    }

    private static ProfileFile loadProfileFile() {
        try {
            return ProfileFile.defaultProfileFile();
        } catch (RuntimeException e) {
            // A broken profile file is the user's to fix; say so, but do not stop the console from starting.
            log.warn("Cannot read the AWS profile files: {}", e.getMessage());
            return ProfileFile.aggregator().build();
        }
    }

    @Override
    public void close() {
        SdkAutoCloseable[] unclaimed;
        synchronized (this) {
            closed = true;
            unclaimed = new SdkAutoCloseable[] {preparedSqs, preparedSageMaker, preparedSts};
            preparedSqs = null;
            preparedSageMaker = null;
            preparedSts = null;
        }
        closeAll(unclaimed);
        if (owned instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
    }

    private static void closeAll(SdkAutoCloseable... clients) {
        for (SdkAutoCloseable client : clients) {
            if (client != null) {
                client.close();
            }
        }
    }

    @Override
    public String toString() {
        return "AwsClientFactory[" + (settings.sandbox() ? "sandbox" : (settings.profile() == null ? "default"
                : settings.profile()) + "@" + region.id()) + "]";
    }
}
