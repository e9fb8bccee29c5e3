package io.webhookactions.issues;

import io.webhookactions.secret.MasterKey;
import io.webhookactions.secret.SecretStore;
import java.nio.file.Path;

/** A process of its own that writes {@code count} secrets into a store, as a {@code secrets set} would. */
public final class SecretWriterProcess {

    private SecretWriterProcess() {
    }

    /** Arguments: store file, key file, name prefix, count. */
    public static void main(String[] args) {
        Path keyFile = Path.of(args[1]);
        SecretStore store = new SecretStore(Path.of(args[0]), () -> MasterKey.load(null, keyFile));
        for (int i = 0; i < Integer.parseInt(args[3]); i++) {
            store.set(args[2] + i, "value-" + args[2] + i);
        }
    }
}
