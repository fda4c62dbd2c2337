package dev.lanyard.iamapi;

import dev.lanyard.iam.model.Role;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The services Lanyard can create service-linked roles for: AWS's role name for each service principal and the AWS
 * managed policy (under {@code aws-service-role/}) AWS attaches to it, from AWS's "AWS services that work with IAM"
 * table and the services' guides. A service not listed here is refused, rather than given an invented role.
 *
 * @param customSuffix whether AWS lets CreateServiceLinkedRole add {@code _suffix} to the name (Auto Scaling does,
 *     so one account can have several of its roles)
 */
record ServiceLinkedRoleType(String serviceName, String roleName, String policyName, boolean customSuffix) {
    private static final Map<String, ServiceLinkedRoleType> BY_SERVICE = Stream.of(
            new ServiceLinkedRoleType("autoscaling.amazonaws.com", "AWSServiceRoleForAutoScaling",
                    "AutoScalingServiceRolePolicy", true),
            new ServiceLinkedRoleType("elasticloadbalancing.amazonaws.com", "AWSServiceRoleForElasticLoadBalancing",
                    "AWSElasticLoadBalancingServiceRolePolicy", false),
            new ServiceLinkedRoleType("spot.amazonaws.com", "AWSServiceRoleForEC2Spot",
                    "AWSEC2SpotServiceRolePolicy", false),
            new ServiceLinkedRoleType("spotfleet.amazonaws.com", "AWSServiceRoleForEC2SpotFleet",
                    "AWSEC2SpotFleetServiceRolePolicy", false),
            new ServiceLinkedRoleType("ecs.amazonaws.com", "AWSServiceRoleForECS", "AmazonECSServiceRolePolicy", false),
            new ServiceLinkedRoleType("eks.amazonaws.com", "AWSServiceRoleForAmazonEKS",
                    "AmazonEKSServiceRolePolicy", false),
            new ServiceLinkedRoleType("eks-nodegroup.amazonaws.com", "AWSServiceRoleForAmazonEKSNodegroup",
                    "AWSServiceRoleForAmazonEKSNodegroup", false),
            new ServiceLinkedRoleType("rds.amazonaws.com", "AWSServiceRoleForRDS", "AmazonRDSServiceRolePolicy", false),
            new ServiceLinkedRoleType("elasticbeanstalk.amazonaws.com", "AWSServiceRoleForElasticBeanstalk",
                    "AWSElasticBeanstalkServiceRolePolicy", false),
            new ServiceLinkedRoleType("organizations.amazonaws.com", "AWSServiceRoleForOrganizations",
                    "AWSOrganizationsServiceTrustPolicy", false),
            new ServiceLinkedRoleType("support.amazonaws.com", "AWSServiceRoleForSupport",
                    "AWSSupportServiceRolePolicy", false),
            new ServiceLinkedRoleType("trustedadvisor.amazonaws.com", "AWSServiceRoleForTrustedAdvisor",
                    "AWSTrustedAdvisorServiceRolePolicy", false),
            new ServiceLinkedRoleType("sso.amazonaws.com", "AWSServiceRoleForSSO", "AWSSSOServiceRolePolicy", false),
            new ServiceLinkedRoleType("config.amazonaws.com", "AWSServiceRoleForConfig",
                    "AWSConfigServiceRolePolicy", false),
            new ServiceLinkedRoleType("guardduty.amazonaws.com", "AWSServiceRoleForAmazonGuardDuty",
                    "AmazonGuardDutyServiceRolePolicy", false),
            new ServiceLinkedRoleType("securityhub.amazonaws.com", "AWSServiceRoleForSecurityHub",
                    "AWSSecurityHubServiceRolePolicy", false),
            new ServiceLinkedRoleType("cloudtrail.amazonaws.com", "AWSServiceRoleForCloudTrail",
                    "CloudTrailServiceRolePolicy", false),
            new ServiceLinkedRoleType("es.amazonaws.com", "AWSServiceRoleForAmazonElasticsearchService",
                    "AmazonElasticsearchServiceRolePolicy", false),
            new ServiceLinkedRoleType("opensearchservice.amazonaws.com", "AWSServiceRoleForAmazonOpenSearchService",
                    "AmazonOpenSearchServiceRolePolicy", false),
            new ServiceLinkedRoleType("dynamodb.application-autoscaling.amazonaws.com",
                    "AWSServiceRoleForApplicationAutoScaling_DynamoDBTable",
                    "AWSApplicationAutoscalingDynamoDBTablePolicy", false),
            new ServiceLinkedRoleType("ecs.application-autoscaling.amazonaws.com",
                    "AWSServiceRoleForApplicationAutoScaling_ECSService", "AWSApplicationAutoscalingECSServicePolicy",
                    false),
            new ServiceLinkedRoleType("replication.dynamodb.amazonaws.com", "AWSServiceRoleForDynamoDBReplication",
                    "DynamoDBReplicationServiceRolePolicy", false),
            new ServiceLinkedRoleType("transitgateway.amazonaws.com", "AWSServiceRoleForVPCTransitGateway",
                    "AWSVPCTransitGatewayServiceRolePolicy", false),
            new ServiceLinkedRoleType("ssm.amazonaws.com", "AWSServiceRoleForAmazonSSM", "AmazonSSMServiceRolePolicy",
                    false),
            new ServiceLinkedRoleType("elasticache.amazonaws.com", "AWSServiceRoleForElastiCache",
                    "ElastiCacheServiceRolePolicy", false),
            new ServiceLinkedRoleType("fsx.amazonaws.com", "AWSServiceRoleForAmazonFSx", "AmazonFSxServiceRolePolicy",
                    false),
            new ServiceLinkedRoleType("backup.amazonaws.com", "AWSServiceRoleForBackup",
                    "AWSBackupServiceLinkedRolePolicyForBackup", false),
            new ServiceLinkedRoleType("ops.apigateway.amazonaws.com", "AWSServiceRoleForAPIGateway",
                    "APIGatewayServiceRolePolicy", false),
            new ServiceLinkedRoleType("kafka.amazonaws.com", "AWSServiceRoleForKafka", "KafkaServiceRolePolicy", false),
            new ServiceLinkedRoleType("redshift.amazonaws.com", "AWSServiceRoleForRedshift",
                    "AmazonRedshiftServiceLinkedRolePolicy", false),
            new ServiceLinkedRoleType("access-analyzer.amazonaws.com", "AWSServiceRoleForAccessAnalyzer",
                    "AccessAnalyzerServiceRolePolicy", false),
            new ServiceLinkedRoleType("inspector2.amazonaws.com", "AWSServiceRoleForAmazonInspector2",
                    "AmazonInspector2ServiceRolePolicy", false),
            new ServiceLinkedRoleType("compute-optimizer.amazonaws.com", "AWSServiceRoleForComputeOptimizer",
                    "ComputeOptimizerServiceRolePolicy", false),
            new ServiceLinkedRoleType("globalaccelerator.amazonaws.com", "AWSServiceRoleForGlobalAccelerator",
                    "AWSGlobalAcceleratorSLRPolicy", false),
            new ServiceLinkedRoleType("elasticmapreduce.amazonaws.com", "AWSServiceRoleForEMRCleanup",
                    "AmazonEMRCleanupPolicy", false))
            .collect(Collectors.toUnmodifiableMap(ServiceLinkedRoleType::serviceName, Function.identity()));

    static Optional<ServiceLinkedRoleType> of(String serviceName) {
        return Optional.ofNullable(BY_SERVICE.get(serviceName));
    }

    static Collection<ServiceLinkedRoleType> all() {
        return BY_SERVICE.values();
    }

    String path() {
        return Role.SERVICE_LINKED_PATH + serviceName + "/";
    }

    /** The AWS managed policy the role gets, by path and name (the catalogue names it in the served partition). */
    String policyPathAndName() {
        return "/aws-service-role/" + policyName;
    }

    /** Only the service itself may assume its role. */
    String trustPolicy() {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\""
                + serviceName + "\"},\"Action\":\"sts:AssumeRole\"}]}";
    }
}
