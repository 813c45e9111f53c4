package dev.hygge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.ConfigException;
import dev.hygge.config.EntityLister.TablePattern;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The table pattern of a SQL Home is split into catalog, schema and the table names it matches. */
class TablePatternTest {
    @Test
    void schemaAndNameAreSplit() {
        assertThat(TablePattern.parse("crm.{entity}"))
                .isEqualTo(new TablePattern(Optional.empty(), Optional.of("crm"), "", ""));
        assertThat(TablePattern.parse("{entity}")).isEqualTo(new TablePattern(Optional.empty(), Optional.empty(), "", ""));
        assertThat(TablePattern.parse("[dw].[raw].stg_{entity}_v1"))
                .isEqualTo(new TablePattern(Optional.of("dw"), Optional.of("raw"), "stg_", "_v1"));
        assertThat(TablePattern.parse("\"Sales Data\".{entity}").schema()).contains("Sales Data");
    }

    @Test
    void entityIsTheTableNameWithoutPrefixAndSuffix() {
        TablePattern pattern = TablePattern.parse("raw.stg_{entity}");
        assertThat(pattern.entity("stg_orders")).contains("orders");
        assertThat(pattern.entity("orders")).isEmpty();
        assertThat(pattern.entity("stg_")).isEmpty();
    }

    @Test
    void aPatternWithoutEntityInTheNameIsRefused() {
        assertThatThrownBy(() -> TablePattern.parse("crm.orders")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("needs {entity} once in the table name").hasMessageContaining("'crm.orders'");
        assertThatThrownBy(() -> TablePattern.parse("{entity}.orders")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("needs {entity} once");
        assertThatThrownBy(() -> TablePattern.parse("{entity}.t_{entity}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("must be a fixed name");
    }
}
