package io.webhookactions.loading;

import io.webhookactions.attribute.AttributeTypes;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.auth.MtlsAuthenticator;
import io.webhookactions.definition.ActionPlan;
import io.webhookactions.definition.AuthPlan;
import io.webhookactions.definition.DefinitionError;
import io.webhookactions.template.AttributeScope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The load-time check of mTLS actions (SPEC §5.2): a client certificate with a wrong password or unreadable
 * material fails its definition, with the reason at {@code /authentication/certificate}, wherever definitions are
 * loaded (a route file, {@code serve}'s start-up check, {@code validate}). The check reads the secrets, which the
 * definition compiler never sees.
 */
public final class UsableCertificates {

    private UsableCertificates() {
    }

    /** One error per mTLS plan whose certificate cannot be used; nothing for the others. */
    public static List<DefinitionError> check(Collection<ActionPlan> plans, SecretSource secrets) {
        AttributeScope scope = AttributeScope.of(Contexts.empty(), AttributeTypes.none(), secrets);
        List<DefinitionError> errors = new ArrayList<>();
        for (ActionPlan plan : plans) {
            if (plan.authentication() instanceof AuthPlan.Mtls mtls) {
                MtlsAuthenticator.unusable(mtls, scope).ifPresent(reason -> errors.add(new DefinitionError(
                        plan.source() != null ? plan.source().toString() : plan.name(), "/authentication/certificate", reason)));
            }
        }
        return errors;
    }
}
