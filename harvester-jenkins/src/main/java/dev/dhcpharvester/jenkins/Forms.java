package dev.dhcpharvester.jenkins;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import dev.dhcpharvester.harvest.BadParameterException;
import dev.dhcpharvester.harvest.HarvestParameters;
import dev.dhcpharvester.report.ReportFiles;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/** What both descriptors' forms do: list the usable keys, and check a field with core's own checks. */
final class Forms {

    private Forms() {
    }

    /**
     * The secret files and secret texts the job may use, shown only to those who may configure it
     * (as the Credentials plugin's consumer guide asks), with the current value kept.
     */
    static ListBoxModel credentials(Item item, String credentialsId) {
        return matching(item, credentialsId, CredentialsMatchers.anyOf(CredentialsMatchers.instanceOf(FileCredentials.class),
                CredentialsMatchers.instanceOf(StringCredentials.class)));
    }

    /** The usernames with passwords the job may use (the Kea control agent's basic authentication), likewise. */
    static ListBoxModel usernamePasswords(Item item, String credentialsId) {
        return matching(item, credentialsId, CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class));
    }

    private static ListBoxModel matching(Item item, String credentialsId, CredentialsMatcher matcher) {
        StandardListBoxModel result = new StandardListBoxModel();
        if (item == null ? !Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                : !item.hasPermission(Item.EXTENDED_READ) && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
            return result.includeCurrentValue(credentialsId);
        }
        return result.includeEmptyValue()
                .includeMatchingAs(item instanceof Queue.Task ? Tasks.getAuthenticationOf2((Queue.Task) item) : ACL.SYSTEM2,
                        item, StandardCredentials.class, List.of(), matcher)
                .includeCurrentValue(credentialsId);
    }

    /** Runs core's checks on parameters that differ from the defaults only by the field being checked. */
    static FormValidation check(UnaryOperator<HarvestParameters> field) {
        try {
            HarvestParameters parameters = field.apply(new HarvestParameters());
            parameters.toConfig(HarvestParameters.Dialect.STEP, Path.of("/"));
            parameters.unreachableLimit(HarvestParameters.Dialect.STEP);
            return FormValidation.ok();
        } catch (BadParameterException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    static FormValidation checkReportName(String value) {
        if (value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        try {
            ReportFiles.checkName(value.strip());
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error("reportName " + e.getMessage());
        }
    }
}
