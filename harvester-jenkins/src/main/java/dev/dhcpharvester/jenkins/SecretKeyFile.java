package dev.dhcpharvester.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.slaves.WorkspaceList;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The rndc or TSIG key of a Jenkins credential (or the Kea control agent's {@code user:password}),
 * written on the agent for the length of one harvest: in a private directory beside the workspace
 * (as the Credentials Binding plugin does), mode 0400, removed by {@link #close} even when the
 * harvest fails. Its content never reaches the log.
 */
final class SecretKeyFile implements AutoCloseable {

    private final FilePath dir;
    private final FilePath file;

    private SecretKeyFile(FilePath dir, FilePath file) {
        this.dir = dir;
        this.file = file;
    }

    /** Looks the credential up as the build may see it, records its use, and writes its content. */
    static SecretKeyFile write(Run<?, ?> run, FilePath workspace, String credentialsId)
            throws IOException, InterruptedException {
        StandardCredentials credentials = CredentialsProvider.findCredentialById(credentialsId, StandardCredentials.class, run);
        if (credentials == null) {
            throw new AbortException("harvest failed: no credentials '" + credentialsId + "' that this build may use");
        }
        InputStream content;
        if (credentials instanceof FileCredentials) {
            content = ((FileCredentials) credentials).getContent();
        } else if (credentials instanceof StringCredentials) {
            content = new ByteArrayInputStream(
                    ((StringCredentials) credentials).getSecret().getPlainText().getBytes(StandardCharsets.UTF_8));
        } else {
            throw new AbortException("harvest failed: credentials '" + credentialsId + "' are neither a secret file (an"
                    + " rndc.conf or a bind key file) nor secret text (a bind key statement)");
        }
        CredentialsProvider.track(run, credentials);
        return store(workspace, "harvester.key", content);
    }

    /** A Username with password credential as the {@code user:password} line of --kea-api-credentials. */
    static SecretKeyFile writeUsernamePassword(Run<?, ?> run, FilePath workspace, String credentialsId)
            throws IOException, InterruptedException {
        StandardUsernamePasswordCredentials credentials = CredentialsProvider.findCredentialById(credentialsId,
                StandardUsernamePasswordCredentials.class, run);
        if (credentials == null) {
            throw new AbortException("harvest failed: no username with password '" + credentialsId
                    + "' that this build may use (the Kea control agent's credentials)");
        }
        CredentialsProvider.track(run, credentials);
        byte[] line = (credentials.getUsername() + ":" + credentials.getPassword().getPlainText() + "\n")
                .getBytes(StandardCharsets.UTF_8);
        return store(workspace, "kea-api.credentials", new ByteArrayInputStream(line));
    }

    private static SecretKeyFile store(FilePath workspace, String name, InputStream content)
            throws IOException, InterruptedException {
        FilePath tmp = WorkspaceList.tempDir(workspace);
        FilePath secrets = (tmp != null ? tmp : workspace.child(".dhcp-harvester")).child("secretFiles");
        FilePath dir = secrets.child(UUID.randomUUID().toString());
        dir.mkdirs();
        secrets.chmod(0700);
        dir.chmod(0700);
        FilePath file = dir.child(name);
        try (InputStream in = content) {
            file.copyFrom(in);
            file.chmod(0400);
        } catch (IOException | InterruptedException | RuntimeException e) {
            dir.deleteRecursive();
            throw e;
        }
        return new SecretKeyFile(dir, file);
    }

    /** The key file's path on the agent. */
    String path() {
        return file.getRemote();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        dir.deleteRecursive();
    }
}
