package dev.cairn.processor;

import static com.google.common.truth.Truth.assertThat;

import dev.cairn.processor.model.Descriptions;
import org.junit.jupiter.api.Test;

class DescriptionsTest {

    @Test
    void splitsCamelCaseIntoASentence() {
        assertThat(Descriptions.fromClassName("AddUserEmail")).isEqualTo("Add user email");
    }

    @Test
    void keepsAcronymsAndVersionTokens() {
        assertThat(Descriptions.fromClassName("V2AddSSLCerts")).isEqualTo("V2 add SSL certs");
        assertThat(Descriptions.fromClassName("CreateHTTPLog")).isEqualTo("Create HTTP log");
        assertThat(Descriptions.fromClassName("MigrateToV3")).isEqualTo("Migrate to V3");
        assertThat(Descriptions.fromClassName("HashWithSHA256")).isEqualTo("Hash with SHA256");
    }

    @Test
    void separatesNumbersFromWords() {
        assertThat(Descriptions.fromClassName("Add2Columns")).isEqualTo("Add 2 columns");
        assertThat(Descriptions.fromClassName("AddAColumn")).isEqualTo("Add a column");
    }

    @Test
    void treatsUnderscoresAsSpaces() {
        assertThat(Descriptions.fromClassName("create_users_table")).isEqualTo("Create users table");
        assertThat(Descriptions.fromClassName("V1__Init")).isEqualTo("V1 init");
    }

    @Test
    void keepsSingleWordsAndAllCapsNames() {
        assertThat(Descriptions.fromClassName("Init")).isEqualTo("Init");
        assertThat(Descriptions.fromClassName("ETL")).isEqualTo("ETL");
    }
}
