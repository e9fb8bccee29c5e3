package io.webhookactions.definition;

import io.webhookactions.attribute.AttributeName;
import java.util.List;

/**
 * What a legacy action (SPEC §9) sends and reads: the attributes posted as
 * {@code input_data.attributes} (keyed by their bare name) and the attributes read back from
 * {@code output_data.attributes}.
 */
public record LegacyIo(List<AttributeName> inputs, List<AttributeName> outputs) {

    public LegacyIo {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
