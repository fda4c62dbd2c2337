package dev.lanyard.iamapi;

import dev.lanyard.authz.Caller;
import dev.lanyard.authz.MfaThrottle;
import dev.lanyard.authz.Validators;
import dev.lanyard.aws.AwsException;
import dev.lanyard.iam.model.AccountView;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.model.MfaDevice;
import dev.lanyard.iam.model.Tag;
import dev.lanyard.iam.model.User;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.Struct;
import dev.lanyard.query.ValidationErrors;
import dev.lanyard.query.Value;
import dev.lanyard.totp.FailedCodes;
import dev.lanyard.totp.OtpAuthUri;
import dev.lanyard.totp.QrCodePng;
import dev.lanyard.totp.Totp;
import dev.lanyard.totp.TotpParameters;
import dev.lanyard.totp.TotpSeed;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.LongFunction;

/** Virtual MFA devices: RFC 6238 TOTP, seeds encrypted at rest, two consecutive codes to enable or resync. */
final class MfaOperations {
    static final int MAX_DEVICES_PER_USER = 8;
    /** How far a device's clock may have drifted when enabling or resynchronizing, in 30-second steps. */
    static final int RESYNC_WINDOW = 10;
    private final IamContext ctx;
    private final MfaThrottle throttle;
    private final Totp totp = new Totp(TotpParameters.AWS);

    MfaOperations(IamContext ctx, MfaThrottle throttle) {
        this.ctx = ctx;
        this.throttle = throttle;
    }

    void register(Map<String, Operation> ops) {
        ops.put("CreateVirtualMFADevice", this::create);
        ops.put("EnableMFADevice", this::enable);
        ops.put("ResyncMFADevice", this::resync);
        ops.put("DeactivateMFADevice", this::deactivate);
        ops.put("DeleteVirtualMFADevice", this::delete);
        ops.put("ListMFADevices", this::listForUser);
        ops.put("ListVirtualMFADevices", this::listVirtual);
        ops.put("GetMFADevice", this::get);
        new EntityTags<>(ctx, "MFADevice", TagKeys.CASE_SENSITIVE, EntityTags.Order.AS_ADDED,
                call -> authorizedDevice(call, serialNumber(call)),
                (view, found) -> requireDevice(view, found.serialNumber())).register(ops);
    }

    private Optional<Struct> create(OperationCall call) {
        QueryParameters p = call.parameters();
        String name = Validators.name("virtualMFADeviceName", p.required("VirtualMFADeviceName"), 1, 226,
                "[\\w+=,.@-]+");
        String path = IamParams.path(p, "Path");
        List<Tag> tags = TagKeys.CASE_SENSITIVE.parse(p);
        Caller caller = call.requireCaller();
        String serial = MfaDevice.serialNumber(caller.account(), path, name);
        ctx.authorize(call, serial);
        TotpSeed seed = TotpSeed.generate(ctx.random());
        MfaDevice created = ctx.store().update(snapshot -> {
            boolean taken = ctx.view(snapshot, call).mfaDevices().stream()
                    .anyMatch(d -> d.name().equals(name) && d.path().equals(path));
            if (taken) {
                throw IamErrors.alreadyExists("MFA device");
            }
            MfaDevice device = new MfaDevice(caller.account(), serial, name, path, seed, Optional.empty(),
                    Optional.empty(), -1, 0, FailedCodes.NONE, call.environment().time(), tags);
            return Mutation.of(device, EntityChange.upsert(device));
        });
        String label = OtpAuthUri.awsLabel(name, accountName(caller));
        String base32 = seed.toBase32();
        Struct device = Struct.builder()
                .put("SerialNumber", created.serialNumber())
                .put("Base32StringSeed", Base64.getEncoder().encodeToString(base32.getBytes(StandardCharsets.US_ASCII)))
                .put("QRCodePNG", Base64.getEncoder().encodeToString(QrCodePng.encode(
                        OtpAuthUri.of(label, "Lanyard", seed))))
                .build();
        return Optional.of(Struct.builder().put("VirtualMFADevice", device).build());
    }

    /** AWS's label account part: the user name for an IAM user, otherwise the account ID. */
    private static String accountName(Caller caller) {
        return caller instanceof Caller.IamUser user ? user.user().name() : caller.account().value();
    }

    private record Codes(String userName, String serial, String code1, String code2) {}

    private static Codes codes(QueryParameters p) {
        String user = IamParams.name(p, "UserName", "userName", 128);
        String serial = Validators.length("serialNumber", p.required("SerialNumber"), 9, 256);
        return new Codes(user, serial, code(p, "AuthenticationCode1"), code(p, "AuthenticationCode2"));
    }

    private static String code(QueryParameters p, String name) {
        String value = p.required(name);
        Validators.length(Character.toLowerCase(name.charAt(0)) + name.substring(1), value, 6, 6);
        return value;
    }

    private static String serialNumber(OperationCall call) {
        return Validators.length("serialNumber", call.parameters().required("SerialNumber"), 9, 256);
    }

    private static MfaDevice requireDevice(AccountView view, String serial) {
        return view.mfaDevice(serial).orElseThrow(() -> noSuchDevice(serial));
    }

    private static AwsException noSuchDevice(String serial) {
        return IamErrors.noSuchMfaDevice(serial);
    }

    /** Authorizes on the serial number (another account's is refused there), then requires the device. */
    private MfaDevice authorizedDevice(OperationCall call, String serial) {
        Optional<MfaDevice> device = ctx.view(call).mfaDevice(serial);
        ctx.authorize(call, serial);
        return device.orElseThrow(() -> noSuchDevice(serial));
    }

    /** Authorizes on the user's ARN before telling whether the user exists. */
    private User authorizedUser(OperationCall call, String name) {
        Optional<User> user = ctx.view(call).user(name);
        ctx.authorize(call, user.map(u -> u.arn().toString())
                .orElse(UserOperations.userArn(call.requireCaller(), "/", name)));
        return user.orElseThrow(() -> IamErrors.noSuchUser(name));
    }

    /** The step of the second of two consecutive codes, newer than any the device accepted; empty if refused. */
    private OptionalLong consecutive(MfaDevice device, Codes codes, Instant now) {
        OptionalLong counter = totp.matchConsecutive(device.seed(), codes.code1(), codes.code2(), now, RESYNC_WINDOW);
        return counter.isPresent() && counter.getAsLong() > device.lastAcceptedCounter() ? counter
                : OptionalLong.empty();
    }

    /** The device whose codes are checked, and what it becomes once they are accepted (given their step). */
    private record CodeCheck(MfaDevice device, LongFunction<MfaDevice> accepted) {}

    /**
     * Checks two consecutive codes and writes the outcome in the same update: the device as accepted, or with one
     * more failed code. Throttled as every MFA code check is.
     */
    private void checkCodes(OperationCall call, Codes codes, Function<IamSnapshot, CodeCheck> check) {
        Caller caller = call.requireCaller();
        Instant now = call.environment().time();
        throttle.requireCallerAllowed(caller, now);
        // Empty when the codes were accepted; the device with one more failed code when they were refused.
        Optional<MfaDevice> refused = ctx.store().update(snapshot -> {
            CodeCheck pending = check.apply(snapshot);
            MfaDevice checked = pending.device();
            throttle.requireDeviceAllowed(checked, now);
            OptionalLong counter = consecutive(checked, codes, now);
            if (counter.isEmpty()) {
                MfaDevice failed = throttle.deviceFailed(checked, now);
                return Mutation.of(Optional.of(failed), EntityChange.upsert(failed));
            }
            MfaDevice updated = pending.accepted().apply(counter.getAsLong());
            return Mutation.of(Optional.<MfaDevice>empty(), EntityChange.upsert(updated));
        });
        if (refused.isPresent()) {
            throw IamErrors.invalidAuthenticationCode("codes refused for " + codes.serial() + "; "
                    + throttle.callerFailed(caller, refused.get(), now));
        }
        throttle.callerSucceeded(caller);
    }

    /** Steps the device's clock is ahead (or behind, negative) of ours; zero unless it is off by over one step. */
    private long drift(long counter, Instant now) {
        long offset = counter - totp.counterAt(now);
        return Math.abs(offset) <= 1 ? 0 : offset;
    }

    private Optional<Struct> enable(OperationCall call) {
        Codes codes = codes(call.parameters());
        authorizedUser(call, codes.userName());
        Instant now = call.environment().time();
        checkCodes(call, codes, snapshot -> {
            AccountView view = ctx.view(snapshot, call);
            MfaDevice device = requireDevice(view, codes.serial());
            User target = UserOperations.requireUser(view, codes.userName());
            if (device.assigned()) {
                throw IamErrors.alreadyExists("MFA Device");
            }
            long assignedToUser = view.mfaDevices().stream()
                    .filter(d -> d.userName().map(n -> n.equalsIgnoreCase(target.name())).orElse(false)).count();
            if (assignedToUser >= MAX_DEVICES_PER_USER) {
                throw IamErrors.limitExceeded("Cannot exceed quota for MFADevicesPerUser: " + MAX_DEVICES_PER_USER);
            }
            return new CodeCheck(device, counter -> device.assignedTo(target.name(), now, counter,
                    drift(counter, now)));
        });
        return Optional.empty();
    }

    private Optional<Struct> resync(OperationCall call) {
        Codes codes = codes(call.parameters());
        authorizedUser(call, codes.userName());
        Instant now = call.environment().time();
        checkCodes(call, codes, snapshot -> {
            MfaDevice device = assignedDevice(ctx.view(snapshot, call), codes.serial(), codes.userName());
            return new CodeCheck(device, counter -> device.resynchronized(counter, drift(counter, now)));
        });
        return Optional.empty();
    }

    private static MfaDevice assignedDevice(AccountView view, String serial, String userName) {
        MfaDevice device = requireDevice(view, serial);
        if (!device.userName().map(n -> n.equalsIgnoreCase(userName)).orElse(false)) {
            throw IamErrors.mfaDeviceNotAssociated(serial, "user " + userName);
        }
        return device;
    }

    private Optional<Struct> deactivate(OperationCall call) {
        QueryParameters p = call.parameters();
        String serial = Validators.length("serialNumber", p.required("SerialNumber"), 9, 256);
        Optional<String> named = IamParams.optionalName(p, "UserName", "userName", 128);
        AccountView view = ctx.view(call);
        if (named.isEmpty() && !view.owns(serial)) {
            // The device's user is this account's business: another account's serial is refused on the device.
            ctx.authorize(call, serial);
        }
        MfaDevice existing = requireDevice(view, serial);
        String userName = named.or(existing::userName).orElseThrow(() -> IamErrors.mfaDeviceNotAssociated(
                serial, "any user"));
        authorizedUser(call, userName);
        ctx.store().update(snapshot -> {
            MfaDevice device = assignedDevice(ctx.view(snapshot, call), serial, userName).unassigned();
            return Mutation.of(device, EntityChange.upsert(device));
        });
        return Optional.empty();
    }

    private Optional<Struct> delete(OperationCall call) {
        String serial = Validators.length("serialNumber", call.parameters().required("SerialNumber"), 9, 256);
        authorizedDevice(call, serial);
        ctx.store().update(snapshot -> {
            MfaDevice device = requireDevice(ctx.view(snapshot, call), serial);
            if (device.assigned()) {
                throw IamErrors.deleteConflict("MFA Device is still in use");
            }
            return Mutation.of(device, EntityChange.remove(device));
        });
        return Optional.empty();
    }

    private Optional<Struct> listForUser(OperationCall call) {
        Caller caller = call.requireCaller();
        Optional<String> named = IamParams.optionalName(call.parameters(), "UserName", "userName", 128);
        String userName = named.orElseGet(() -> caller instanceof Caller.IamUser u ? u.user().name() : "");
        if (!userName.isEmpty()) {
            authorizedUser(call, userName);
        } else {
            ctx.authorize(call, caller.partition().root(caller.account()).toString());
        }
        List<MfaDevice> devices = ctx.view(call).mfaDevices().stream()
                .filter(d -> !userName.isEmpty() && d.userName().map(n -> n.equalsIgnoreCase(userName)).orElse(false))
                .toList();
        Struct.Builder result = Struct.builder();
        Pagination.page(call.parameters(), devices, MfaDevice::serialNumber, "MFADevices", d -> Struct.builder()
                .put("UserName", d.userName().orElseThrow())
                .put("SerialNumber", d.serialNumber())
                .put("EnableDate", d.enableDate().orElseThrow())
                .build(), result);
        return Optional.of(result.build());
    }

    private Optional<Struct> listVirtual(OperationCall call) {
        Caller caller = call.requireCaller();
        String status = call.parameters().get("AssignmentStatus").orElse("Any");
        if (!List.of("Assigned", "Unassigned", "Any").contains(status)) {
            throw ValidationErrors.single("assignmentStatus", status,
                    "Member must satisfy enum value set: [Unassigned, Any, Assigned]");
        }
        ctx.authorize(call, MfaDevice.serialNumber(caller.account(), "/", ""));
        AccountView view = ctx.view(call);
        List<MfaDevice> devices = view.mfaDevices().stream()
                .filter(d -> status.equals("Any") || d.assigned() == status.equals("Assigned")).toList();
        Struct.Builder result = Struct.builder();
        Pagination.page(call.parameters(), devices, MfaDevice::serialNumber, "VirtualMFADevices", d -> {
            Struct.Builder b = Struct.builder().put("SerialNumber", d.serialNumber());
            d.userName().flatMap(view::user)
                    .ifPresent(u -> b.put("User", IamShapes.user(u, IamShapes.View.LIST)));
            d.enableDate().ifPresent(t -> b.put("EnableDate", t));
            return b.build();
        }, result);
        return Optional.of(result.build());
    }

    private Optional<Struct> get(OperationCall call) {
        String serial = serialNumber(call);
        MfaDevice device = authorizedDevice(call, serial);
        Struct.Builder b = Struct.builder().put("SerialNumber", device.serialNumber());
        device.userName().ifPresent(n -> b.put("UserName", n));
        device.enableDate().ifPresent(t -> b.put("EnableDate", t));
        return Optional.of(b.build());
    }
}
