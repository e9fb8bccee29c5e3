package io.webhookactions.history.migration;

import io.webhookactions.history.HistoryStore;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Moves the records of the history's first table, {@code webhook_execution} (one row a record), into
 * {@code webhook_execution_group} and drops the first table. Java rather than SQL because a group's summaries are
 * JSON that neither database can be asked to write the same way. Runs once, in Flyway's transaction.
 */
public class V4__webhook_execution_into_groups extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        HistoryStore.moveRecordsIntoGroups(context.getConnection());
    }
}
