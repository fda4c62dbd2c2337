package dev.lanyard.s3gateway;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;
import dev.lanyard.iam.model.S3Bucket;
import dev.lanyard.iam.spi.BucketStore;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.w3c.dom.Element;

/**
 * ListBuckets shows the buckets of the caller's account, as S3 does: the backend lists every bucket it holds (they
 * all belong to its one key), and the gateway keeps those the registry gives to the caller's account.
 */
final class ListBuckets {
    private final BucketStore buckets;

    ListBuckets(BucketStore buckets) {
        this.buckets = requireNonNull(buckets, "buckets is null");
    }

    Reply perform(S3Gateway.Exchange exchange, Forwarding forwarding) {
        BackendResponse response = forwarding.own("GET", "/", "");
        byte[] body = forwarding.readWhole(response);
        if (response.statusCode() != 200) {
            return forwarding.relay(exchange, response, body);
        }
        AccountId account = exchange.signedCaller().account();
        StringBuilder xml = new StringBuilder(Xml.DECLARATION).append("<ListAllMyBucketsResult xmlns=\"")
                .append(Xml.S3_NAMESPACE).append("\"><Owner><ID>").append(account.value())
                .append("</ID><DisplayName>").append(account.value()).append("</DisplayName></Owner><Buckets>");
        Element root = Xml.parse(body).getDocumentElement();
        for (Element list : Xml.children(root, "Buckets")) {
            for (Element bucket : Xml.children(list, "Bucket")) {
                String name = Xml.childText(bucket, "Name").orElse("");
                boolean mine = buckets.bucket(name).map(S3Bucket::owner).filter(account::equals).isPresent();
                if (mine) {
                    xml.append("<Bucket><Name>").append(Xml.escape(name)).append("</Name>");
                    Xml.childText(bucket, "CreationDate").ifPresent(date -> xml.append("<CreationDate>")
                            .append(Xml.escape(date)).append("</CreationDate>"));
                    xml.append("</Bucket>");
                }
            }
        }
        xml.append("</Buckets></ListAllMyBucketsResult>");
        return Reply.xml(200, exchange.requestId(), xml.toString().getBytes(StandardCharsets.UTF_8));
    }
}
