package io.github.schemafirst.connect.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;

/**
 * A broker produce quota on a connector's task producer: slows a source down on a machine of any speed, so that a
 * restart or a kill lands in the middle of its input rather than after it.
 */
public final class ProduceQuota {
    private ProduceQuota() {
    }

    /** Sets (or with null removes) the produce byte rate of task 0 of {@code connector}. */
    public static void set(String bootstrapServers, String connector, Double bytesPerSecond) {
        set(bootstrapServers, connector, 1, bytesPerSecond);
    }

    /**
     * Sets (or with null removes) the produce byte rate of each of tasks 0 to {@code tasks - 1} of
     * {@code connector}: each task's producer gets the whole rate (quotas are per client id, and a task keeps its
     * client id on whichever worker runs it).
     */
    public static void set(String bootstrapServers, String connector, int tasks, Double bytesPerSecond) {
        List<ClientQuotaAlteration> alterations = new ArrayList<>();
        for (int task = 0; task < tasks; task++) {
            ClientQuotaEntity entity = new ClientQuotaEntity(
                    Map.of(ClientQuotaEntity.CLIENT_ID, "connector-producer-" + connector + "-" + task));
            alterations.add(new ClientQuotaAlteration(entity,
                    List.of(new ClientQuotaAlteration.Op("producer_byte_rate", bytesPerSecond))));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.alterClientQuotas(alterations).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot set the produce quota of " + connector, e);
        }
    }
}
