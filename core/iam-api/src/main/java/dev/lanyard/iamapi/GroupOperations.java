package dev.lanyard.iamapi;

import dev.lanyard.authz.Caller;
import dev.lanyard.aws.UniqueIdPrefix;
import dev.lanyard.iam.model.AccountView;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.Group;
import dev.lanyard.iam.model.User;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.Struct;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Groups and their members; a member's group policies count in its evaluation. */
final class GroupOperations {
    static final int MAX_GROUPS_PER_USER = 10;
    private final IamContext ctx;

    GroupOperations(IamContext ctx) {
        this.ctx = ctx;
    }

    void register(Map<String, Operation> ops) {
        ops.put("CreateGroup", this::createGroup);
        ops.put("GetGroup", this::getGroup);
        ops.put("ListGroups", this::listGroups);
        ops.put("UpdateGroup", this::updateGroup);
        ops.put("DeleteGroup", this::deleteGroup);
        ops.put("AddUserToGroup", this::addUser);
        ops.put("RemoveUserFromGroup", this::removeUser);
        ops.put("ListGroupsForUser", this::listGroupsForUser);
    }

    private static String groupArn(Caller caller, String path, String name) {
        return caller.partition().iam(caller.account(), "group" + path + name).toString();
    }

    private static Group requireGroup(AccountView view, String name) {
        return view.group(name).orElseThrow(() -> IamErrors.noSuchGroup(name));
    }

    private Group authorizedGroup(OperationCall call, String name) {
        Caller caller = call.requireCaller();
        Optional<Group> group = ctx.view(call).group(name);
        ctx.authorize(call, group.map(g -> g.arn().toString()).orElse(groupArn(caller, "/", name)));
        return group.orElseThrow(() -> IamErrors.noSuchGroup(name));
    }

    private Optional<Struct> createGroup(OperationCall call) {
        QueryParameters p = call.parameters();
        String name = IamParams.name(p, "GroupName", "groupName", 128);
        String path = IamParams.path(p, "Path");
        Caller caller = call.requireCaller();
        ctx.authorize(call, groupArn(caller, path, name));
        Group created = ctx.store().update(snapshot -> {
            AccountView view = ctx.view(snapshot, call);
            if (view.group(name).isPresent()) {
                throw IamErrors.alreadyExists("Group with name " + name);
            }
            AccountQuota.GROUPS.requireRoomFor(view.groups().size());
            Group group = new Group(caller.account(), UniqueIdPrefix.AGPA.generate(ctx.random()), name, path,
                    call.environment().time(), List.of(), List.of(), List.of());
            return Mutation.of(group, EntityChange.upsert(group));
        });
        return Optional.of(Struct.builder().put("Group", IamShapes.group(created)).build());
    }

    private Optional<Struct> getGroup(OperationCall call) {
        Group group = authorizedGroup(call, IamParams.name(call.parameters(), "GroupName", "groupName", 128));
        AccountView view = ctx.view(call);
        List<User> members = group.memberUserIds().stream().map(view::userById).flatMap(Optional::stream)
                .sorted(Comparator.comparing(u -> u.name().toLowerCase(Locale.ROOT))).toList();
        Struct.Builder result = Struct.builder().put("Group", IamShapes.group(group));
        Pagination.page(call.parameters(), members, u -> u.name().toLowerCase(Locale.ROOT), "Users",
                u -> IamShapes.user(u, IamShapes.View.LIST), result);
        return Optional.of(result.build());
    }

    private Optional<Struct> listGroups(OperationCall call) {
        Caller caller = call.requireCaller();
        Optional<String> prefix = IamParams.pathPrefix(call.parameters());
        ctx.authorize(call, groupArn(caller, prefix.orElse("/"), ""));
        List<Group> groups = ctx.view(call).groups().stream()
                .filter(g -> prefix.map(pp -> g.path().startsWith(pp)).orElse(true)).toList();
        Struct.Builder result = Struct.builder();
        Pagination.page(call.parameters(), groups, g -> g.name().toLowerCase(Locale.ROOT), "Groups",
                IamShapes::group, result);
        return Optional.of(result.build());
    }

    private Optional<Struct> updateGroup(OperationCall call) {
        QueryParameters p = call.parameters();
        String name = IamParams.name(p, "GroupName", "groupName", 128);
        Rename rename = Rename.of(p, "NewGroupName", "newGroupName", 128);
        authorizedGroup(call, name);
        ctx.store().update(snapshot -> {
            AccountView view = ctx.view(snapshot, call);
            Group group = requireGroup(view, name);
            Group renamed = group.withNameAndPath(rename.name("Group", group.name(), view::group),
                    rename.path(group.path()));
            return new Mutation<>(List.of(EntityChange.remove(group), EntityChange.upsert(renamed)), renamed);
        });
        return Optional.empty();
    }

    private Optional<Struct> deleteGroup(OperationCall call) {
        String name = IamParams.name(call.parameters(), "GroupName", "groupName", 128);
        authorizedGroup(call, name);
        ctx.store().update(snapshot -> {
            Group group = requireGroup(ctx.view(snapshot, call), name);
            if (!group.memberUserIds().isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must remove users from group first.");
            }
            if (!group.inlinePolicies().isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must delete policies first.");
            }
            if (!group.attachedPolicyArns().isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must detach all policies first.");
            }
            return Mutation.of(group, EntityChange.remove(group));
        });
        return Optional.empty();
    }

    /** Authorizes on the group's ARN; which of user and group is missing is told after, the user first (as AWS). */
    private void authorizeMembershipChange(OperationCall call, String groupName) {
        Optional<Group> group = ctx.view(call).group(groupName);
        ctx.authorize(call, group.map(g -> g.arn().toString()).orElse(groupArn(call.requireCaller(), "/", groupName)));
    }

    private Optional<Struct> addUser(OperationCall call) {
        String name = IamParams.name(call.parameters(), "GroupName", "groupName", 128);
        String userName = IamParams.name(call.parameters(), "UserName", "userName", 128);
        authorizeMembershipChange(call, name);
        ctx.store().update(snapshot -> {
            AccountView view = ctx.view(snapshot, call);
            User user = UserOperations.requireUser(view, userName);
            Group group = requireGroup(view, name);
            if (group.memberUserIds().contains(user.userId())) {
                return Mutation.of(group);
            }
            if (view.groupsOf(user).size() >= MAX_GROUPS_PER_USER) {
                throw IamErrors.limitExceeded("Cannot exceed quota for GroupsPerUser: " + MAX_GROUPS_PER_USER);
            }
            List<String> members = new ArrayList<>(group.memberUserIds());
            members.add(user.userId());
            Group updated = group.withMembers(members);
            return Mutation.of(updated, EntityChange.upsert(updated));
        });
        return Optional.empty();
    }

    private Optional<Struct> removeUser(OperationCall call) {
        String name = IamParams.name(call.parameters(), "GroupName", "groupName", 128);
        String userName = IamParams.name(call.parameters(), "UserName", "userName", 128);
        authorizeMembershipChange(call, name);
        ctx.store().update(snapshot -> {
            AccountView view = ctx.view(snapshot, call);
            User user = UserOperations.requireUser(view, userName);
            Group group = requireGroup(view, name);
            if (!group.memberUserIds().contains(user.userId())) {
                // Removing a user who is not a member succeeds and changes nothing, as in AWS.
                return Mutation.of(group);
            }
            Group updated = group.withMembers(group.memberUserIds().stream()
                    .filter(id -> !id.equals(user.userId())).toList());
            return Mutation.of(updated, EntityChange.upsert(updated));
        });
        return Optional.empty();
    }

    private Optional<Struct> listGroupsForUser(OperationCall call) {
        String userName = IamParams.name(call.parameters(), "UserName", "userName", 128);
        Caller caller = call.requireCaller();
        AccountView view = ctx.view(call);
        Optional<User> user = view.user(userName);
        ctx.authorize(call, user.map(u -> u.arn().toString()).orElse(UserOperations.userArn(caller, "/", userName)));
        User found = user.orElseThrow(() -> IamErrors.noSuchUser(userName));
        List<Group> groups = view.groupsOf(found).stream()
                .sorted(Comparator.comparing(g -> g.name().toLowerCase(Locale.ROOT))).toList();
        Struct.Builder result = Struct.builder();
        Pagination.page(call.parameters(), groups, g -> g.name().toLowerCase(Locale.ROOT), "Groups",
                IamShapes::group, result);
        return Optional.of(result.build());
    }
}
