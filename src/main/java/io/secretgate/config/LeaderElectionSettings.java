package io.secretgate.config;

import java.time.Duration;

/**
 * Leader election on a {@code coordination.k8s.io/v1} Lease, with client-go's timing: the leader
 * renews every {@code retryPeriod} and gives up when it could not renew for {@code renewDeadline};
 * others take over once the lease has not been renewed for {@code leaseDuration}.
 */
public record LeaderElectionSettings(
    boolean enabled, String leaseName, String leaseNamespace, String identity,
    Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {}
