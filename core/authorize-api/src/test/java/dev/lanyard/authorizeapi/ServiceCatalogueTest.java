package dev.lanyard.authorizeapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.authz.ServiceAuthorization.ConditionKeyType;
import dev.lanyard.aws.Partition;
import org.junit.jupiter.api.Test;

/** The operator's catalogue: what it declares, and a precise refusal of every file it cannot mean. */
class ServiceCatalogueTest {
    private static final String ORDERS = """
            {"Services":{"orders":{"Account":"111122223333",
              "ResourceTypes":{"order":"arn:${Partition}:orders:${Region}:${Account}:order/${OrderId}"},
              "ConditionKeys":{"orders:Channel":"String","aws:RequestTag/${TagKey}":"String"},
              "Actions":{"GetOrder":{"ResourceTypes":["order"],"ConditionKeys":["aws:RequestTag/${TagKey}"]},
                         "ListOrders":{"ConditionKeys":["orders:Channel"]}}}}}""";

    @Test
    void aServiceDeclaresItsActionsResourcesAndKeys() {
        ServiceCatalogue.DeclaredService orders = ServiceCatalogue.parse(ORDERS).service("Orders").orElseThrow();
        assertThat(orders.arn(Partition.AWS)).isEqualTo("arn:aws:lanyard::111122223333:service/orders");
        assertThat(orders.arn(Partition.of("lanyard"))).isEqualTo("arn:lanyard:lanyard::111122223333:service/orders");
        assertThat(orders.signingName()).isEqualTo("orders");
        assertThat(orders.regions()).isEmpty();
        ServiceCatalogue.DeclaredAction get = orders.action("getorder").orElseThrow();
        assertThat(get.name()).isEqualTo("GetOrder");
        assertThat(orders.resourceTypes().get("order").matches("arn:aws:orders:eu-west-1:111122223333:order/7"))
                .isTrue();
        assertThat(orders.resourceTypes().get("order").matches("arn:aws:orders:eu-west-1:111122223333:item/7"))
                .isFalse();
        assertThat(orders.resourceTypes().get("order").matches("arn:aws:orders:eu-west-1::order/7")).isFalse();
        assertThat(get.keyPattern("aws:RequestTag/team")).contains("aws:RequestTag/${TagKey}");
        assertThat(get.keyPattern("orders:Channel")).isEmpty();
        assertThat(orders.keyType("orders:Channel")).contains(ConditionKeyType.STRING);
        assertThat(orders.action("CancelOrder")).isEmpty();
    }

    @Test
    void anEmptyCatalogueDeclaresNothing() {
        assertThat(ServiceCatalogue.empty().service("orders")).isEmpty();
        assertThat(ServiceCatalogue.parse("{\"Services\":{}}").prefixes()).isEmpty();
    }

    private static void assertRefused(String json, String message) {
        assertThatThrownBy(() -> ServiceCatalogue.parse(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void whatACatalogueCannotMeanIsRefusedByName() {
        assertRefused("{\"Services\":{\"iam\":{\"Account\":\"111122223333\",\"Actions\":{}}}}",
                "Services.iam: 'iam' is Lanyard's own");
        assertRefused("{\"Services\":{\"orders\":{\"Account\":\"111122223333\",\"SigningName\":\"sts\","
                + "\"Actions\":{}}}}", "Services.orders.SigningName: 'sts' is Lanyard's own");
        assertRefused("{\"Services\":{\"Orders\":{\"Account\":\"111122223333\",\"Actions\":{}}}}",
                "Services.Orders: a service prefix is 1 to 64 lowercase letters");
        assertRefused("{\"Services\":{\"orders\":{\"Account\":\"1111\",\"Actions\":{}}}}",
                "Services.orders.Account: '1111' is not a 12-digit account ID");
        assertRefused("{\"Services\":{\"orders\":{\"Account\":\"111122223333\",\"Actions\":{},\"Paths\":[]}}}",
                "Services.orders: unknown field 'Paths'");
        assertRefused("{\"Services\":{\"orders\":{\"Account\":\"111122223333\",\"Actions\":{\"GetOrder\":"
                + "{\"ResourceTypes\":[\"order\"]}}}}}", "Services.orders.Actions.GetOrder.ResourceTypes: 'order' is"
                + " not declared in ResourceTypes");
        assertRefused("{\"Services\":{\"orders\":{\"Account\":\"111122223333\",\"ConditionKeys\":"
                + "{\"aws:SourceIp\":\"String\"},\"Actions\":{}}}}", "the other global keys are Lanyard's to set");
        assertRefused("{\"Services\":{\"orders\":{\"Account\":\"111122223333\",\"ConditionKeys\":"
                + "{\"orders:Size\":\"Integer\"},\"Actions\":{}}}}", "Services.orders.ConditionKeys.orders:Size");
        assertRefused("{\"Services\":{\"orders\":{\"Account\":\"111122223333\",\"ResourceTypes\":"
                + "{\"order\":\"arn:aws:billing:::order/${Id}\"},\"Actions\":{}}}}",
                "is not an ARN format of service orders");
        assertRefused("{\"Services\":{\"orders\":{\"Account\":\"111122223333\",\"Actions\":{\"GetOrder\":{},"
                + "\"getorder\":{}}}}}", "declared twice");
        assertRefused("{\"Services\":{}, \"Services\":{}}", "not valid JSON");
        assertRefused("{\"Services\":{}} trailing", "not valid JSON");
    }

    @Test
    void routesMapMethodAndPathToAnActionAndResource() {
        ServiceCatalogue.DeclaredService orders = ServiceCatalogue.parse(ORDERS.replace("}}}}}", "}},"
                + "\"Routes\":[{\"Method\":\"GET\",\"Path\":\"/orders/{OrderId}/items/{Rest+}\",\"Action\":"
                + "\"getorder\",\"Resource\":\"arn:${Partition}:orders:${Region}:${Account}:order/{OrderId}\"}],"
                + "\"TrustedProxies\":[\"127.0.0.1\"]}}}")).service("orders").orElseThrow();
        Route route = orders.routes().getFirst();
        assertThat(route.action()).isEqualTo("GetOrder");
        assertThat(route.resourceOf("GET", "/orders/42/items/a/b", Partition.AWS, "eu-west-1", "111122223333"))
                .contains("arn:aws:orders:eu-west-1:111122223333:order/42");
        assertThat(route.resourceOf("GET", "/orders/42", Partition.AWS, "eu-west-1", "111122223333")).isEmpty();
        assertThat(route.resourceOf("PUT", "/orders/42/items/a", Partition.AWS, "eu-west-1", "111122223333"))
                .isEmpty();
        assertThat(route.resourceOf("GET", "/orders/42/items/a/b", Partition.of("lanyard"), "eu-west-1",
                "111122223333")).contains("arn:lanyard:orders:eu-west-1:111122223333:order/42");
        assertThat(orders.trustedProxies()).containsExactly("127.0.0.1");
    }

    @Test
    void aRouteThatCannotMeanAnythingIsRefused() {
        String service = "{\"Services\":{\"orders\":{\"Account\":\"111122223333\",\"Actions\":{\"GetOrder\":{}},"
                + "\"Routes\":[%s]}}}";
        assertRefused(service.formatted("{\"Method\":\"GET\",\"Path\":\"/o\",\"Action\":\"Get\",\"Resource\":\"*\"}"),
                "Services.orders.Routes[0].Action: 'Get' is not declared in Actions");
        assertRefused(service.formatted("{\"Method\":\"get\",\"Path\":\"/o\",\"Action\":\"GetOrder\","
                + "\"Resource\":\"*\"}"), "Services.orders.Routes[0].Method: 'get' is not an HTTP method");
        assertRefused(service.formatted("{\"Method\":\"GET\",\"Path\":\"/o/{Id}\",\"Action\":\"GetOrder\","
                + "\"Resource\":\"arn:aws:orders:::o/{Other}\"}"), "Resource: {Other} is not in the path");
        assertRefused(service.formatted("{\"Method\":\"GET\",\"Path\":\"/o/{Id+}/x\",\"Action\":\"GetOrder\","
                + "\"Resource\":\"*\"}"), "{Id+} must end the path");
    }
}
