package dev.spillway.ui.settings.aws;

import dev.spillway.engine.aws.CredentialState;
import dev.spillway.engine.aws.SsoSignIn;
import java.nio.file.Path;

/**
 * The user's AWS setup as the AWS tab sees it.
 *
 * @param configFile {@code ~/.aws/config} (or {@code $AWS_CONFIG_FILE}), where profiles come from
 * @param credentials checks a profile's credentials without calling AWS
 * @param signIn device-code sign-in to IAM Identity Center
 */
public record AwsAccess(Path configFile, CredentialState credentials, SsoSignIn signIn) {
}
