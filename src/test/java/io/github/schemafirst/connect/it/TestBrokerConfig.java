package io.github.schemafirst.connect.it;

import java.util.Properties;

/**
 * Broker settings for the single embedded test broker, shared by {@link ConnectStack} and
 * {@link WorkerProcessITBase}: topics auto-created with one partition, Connect group joins without delay, and a
 * transaction log that fits on one broker.
 */
final class TestBrokerConfig {

    private TestBrokerConfig() {
    }

    static Properties defaults() {
        Properties props = new Properties();
        props.put("auto.create.topics.enable", "true");
        props.put("num.partitions", "1");
        // A replacement worker joins the Connect group at once instead of after the broker's join delay.
        props.put("group.initial.rebalance.delay.ms", "0");
        // A single broker: the transaction log must fit on it (exactly-once workers need transactions).
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        return props;
    }
}
