package dev.lanyard.query.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.query.Struct;
import dev.lanyard.query.Value;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResultShaperTest {
    private static final ServiceModel MODEL = ServiceModel.parse(String.join("\n",
            "operation\tUpdateRole\tUpdateRoleRequest\tUpdateRoleResponse",
            "operation\tDeleteRole\tDeleteRoleRequest\t-",
            "operation\tListRoles\tListRolesRequest\tListRolesResponse",
            "structure\tUpdateRoleRequest\tRoleName:name",
            "structure\tDeleteRoleRequest\tRoleName:name",
            "structure\tListRolesRequest",
            "structure\tUpdateRoleResponse",
            "structure\tListRolesResponse\tRoles:roleList:required\tIsTruncated:bool\tMarker:name",
            "list\troleList\tRole\t-\t-",
            "structure\tRole\tPath:name\tRoleName:name\tTags:tagList\tCreateDate:date",
            "list\ttagList\tTag\t-\t50",
            "structure\tTag\tKey:name:required\tValue:name:required",
            "scalar\tstring\tname\t-\t-\t-\t-",
            "scalar\tboolean\tbool\t-\t-\t-\t-",
            "scalar\ttimestamp\tdate\t-\t-\t-\t-"));
    private static final ResultShaper SHAPER = new ResultShaper(MODEL, new ServiceStyle(false, false, Map.of(), true));

    @Test
    void anOperationWithAnOutputShapeAlwaysHasAResult() {
        assertThat(SHAPER.shape("UpdateRole", Optional.empty())).contains(Struct.builder().build());
        assertThat(SHAPER.shape("DeleteRole", Optional.empty())).isEmpty();
    }

    @Test
    void membersTakeTheModelsOrderAtEveryDepth() {
        Struct tag = Struct.builder().put("Value", "v").put("Key", "k").build();
        Struct role = Struct.builder().put("Tags", new Value.ListOf(List.of(tag))).put("RoleName", "r")
                .put("Path", "/").put("Extra", "kept").build();
        Struct result = Struct.builder().put("Marker", "m").put("IsTruncated", true)
                .put("Roles", new Value.ListOf(List.of(role))).build();
        Struct shaped = SHAPER.shape("ListRoles", Optional.of(result)).orElseThrow();
        assertThat(shaped.fields().keySet()).containsExactly("Roles", "IsTruncated", "Marker");
        Struct shapedRole = (Struct) ((Value.ListOf) shaped.fields().get("Roles")).items().getFirst();
        assertThat(shapedRole.fields().keySet()).containsExactly("Path", "RoleName", "Tags", "Extra");
        Struct shapedTag = (Struct) ((Value.ListOf) shapedRole.fields().get("Tags")).items().getFirst();
        assertThat(shapedTag.fields().keySet()).containsExactly("Key", "Value");
    }

    @Test
    void timestampsInWholeSecondsWhereTheServiceWritesThemSo() {
        Struct role = Struct.builder().put("CreateDate", Instant.parse("2026-01-02T03:04:05.678Z")).build();
        Struct shaped = SHAPER.shape("ListRoles", Optional.of(Struct.builder()
                .put("Roles", new Value.ListOf(List.of(role))).build())).orElseThrow();
        Struct shapedRole = (Struct) ((Value.ListOf) shaped.fields().get("Roles")).items().getFirst();
        assertThat(shapedRole.fields().get("CreateDate"))
                .isEqualTo(new Value.Timestamp(Instant.parse("2026-01-02T03:04:05Z")));
    }
}
