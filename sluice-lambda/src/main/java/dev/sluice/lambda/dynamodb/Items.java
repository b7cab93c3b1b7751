package dev.sluice.lambda.dynamodb;

import dev.sluice.core.mapping.Cell;
import dev.sluice.core.mapping.KeyColumns;
import dev.sluice.core.mapping.MappedRow;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Mapped rows as DynamoDB attribute maps. */
final class Items {

    private Items() {}

    static AttributeValue value(Cell cell) {
        return switch (cell) {
            case Cell.Str s -> AttributeValue.fromS(s.value());
            case Cell.Num n -> AttributeValue.fromN(n.text());
            case Cell.Bool b -> AttributeValue.fromBool(b.value());
        };
    }

    static Map<String, AttributeValue> key(MappedRow.Item item, KeyColumns keys) {
        Map<String, AttributeValue> key = new HashMap<>(4);
        key.put(keys.hash(), AttributeValue.fromS(item.key().hash()));
        keys.sort()
                .ifPresent(sort -> key.put(sort, AttributeValue.fromS(item.key().sort())));
        return key;
    }

    /** The whole item: key and every attribute. */
    static Map<String, AttributeValue> full(MappedRow.Item item, KeyColumns keys) {
        Map<String, AttributeValue> full = key(item, keys);
        item.attributes().forEach((name, cell) -> full.put(name, value(cell)));
        return full;
    }
}
