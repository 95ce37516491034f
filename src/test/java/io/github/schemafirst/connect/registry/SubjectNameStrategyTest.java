package io.github.schemafirst.connect.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SubjectNameStrategyTest {

    @Test
    void confluentsClassNamesChooseTheStrategy() {
        assertThat(SubjectNameStrategy.fromConfig("io.confluent.kafka.serializers.subject.TopicNameStrategy"))
                .isEqualTo(SubjectNameStrategy.TOPIC);
        assertThat(SubjectNameStrategy.fromConfig("io.confluent.kafka.serializers.subject.RecordNameStrategy"))
                .isEqualTo(SubjectNameStrategy.RECORD);
        assertThat(SubjectNameStrategy.fromConfig(
                " io.confluent.kafka.serializers.subject.TopicRecordNameStrategy "))
                .isEqualTo(SubjectNameStrategy.TOPIC_RECORD);
    }

    @Test
    void configValueIsTheClassNameFromConfigAccepts() {
        for (SubjectNameStrategy strategy : SubjectNameStrategy.values()) {
            assertThat(SubjectNameStrategy.fromConfig(strategy.configValue())).isEqualTo(strategy);
        }
    }

    @Test
    void nothingConfiguredMeansTheTopicStrategyAsInConfluentsSerializers() {
        assertThat(SubjectNameStrategy.fromConfig(null)).isEqualTo(SubjectNameStrategy.TOPIC);
        assertThat(SubjectNameStrategy.fromConfig("  ")).isEqualTo(SubjectNameStrategy.TOPIC);
    }

    @Test
    void anotherValueIsRefusedListingTheAcceptedOnes() {
        assertThatThrownBy(() -> SubjectNameStrategy.fromConfig("TopicNameStrategy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'TopicNameStrategy'")
                .hasMessageContaining("io.confluent.kafka.serializers.subject.TopicNameStrategy")
                .hasMessageContaining("io.confluent.kafka.serializers.subject.RecordNameStrategy")
                .hasMessageContaining("io.confluent.kafka.serializers.subject.TopicRecordNameStrategy");
    }

    @Test
    void topicStrategyNamesKeyAndValueSubjectsAfterTheTopic() {
        assertThat(SubjectNameStrategy.TOPIC.subject("orders", false, "com.acme.Order")).isEqualTo("orders-value");
        assertThat(SubjectNameStrategy.TOPIC.subject("orders", true, null)).isEqualTo("orders-key");
    }

    @Test
    void recordStrategiesUseTheRecordName() {
        assertThat(SubjectNameStrategy.RECORD.subject("orders", false, "com.acme.Order")).isEqualTo("com.acme.Order");
        assertThat(SubjectNameStrategy.RECORD.subject("orders", true, "com.acme.OrderKey"))
                .isEqualTo("com.acme.OrderKey");
        assertThat(SubjectNameStrategy.TOPIC_RECORD.subject("orders", false, "com.acme.Order"))
                .isEqualTo("orders-com.acme.Order");
    }

    @Test
    void recordStrategiesRefuseASchemaWithoutRecordNameNamingTheSetting() {
        assertThatThrownBy(() -> SubjectNameStrategy.RECORD.subject("orders", false, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("value.subject.name.strategy="
                        + "io.confluent.kafka.serializers.subject.RecordNameStrategy")
                .hasMessageContaining("must be a record schema");
        assertThatThrownBy(() -> SubjectNameStrategy.TOPIC_RECORD.subject("orders", true, ""))
                .hasMessageContaining("key.subject.name.strategy=");
    }

    @Test
    void theDocumentIsReadOnlyWhenTheStrategyNeedsItsName() {
        SchemaDocument notEvenJson = SchemaDocument.avro("{ not a schema");
        assertThat(SubjectNameStrategy.TOPIC.subjectFor("t", false, notEvenJson)).isEqualTo("t-value");
        assertThatThrownBy(() -> SubjectNameStrategy.RECORD.subjectFor("t", false, notEvenJson))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SubjectNameStrategy.TOPIC_RECORD.subjectFor("t", false,
                SchemaDocument.avro("{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"com.acme\","
                        + "\"fields\":[]}")))
                .isEqualTo("t-com.acme.User");
    }
}
