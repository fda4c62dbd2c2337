package dev.lanyard.store.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.tx.Transaction;
import org.h2.mvstore.tx.TransactionStore;

/**
 * What Lanyard needs from H2 below SQL: the file store to force, and a repair of what H2 2.5 leaves after a crash.
 *
 * <p>The repair: when the process dies while a transaction is committing and the file already holds that
 * transaction's commit mark, H2 reopens it as a leftover in state COMMITTED. Its {@code endLeftoverTransactions}
 * then calls {@code Transaction.commit()}, which since H2 2.5 does nothing for a transaction that is already marked
 * committed: the changes are never applied, the transaction never closes, and every later write to a row it touched
 * loops forever in {@code TransactionMap.set} (the lock wait returns at once for a committed blocker, so the lock
 * timeout never fires). That is the wedge an outside review saw: every write hung, a core spun, and because the state
 * is in the file it came back after every restart. This finishes such transactions the way H2 itself finishes a
 * commit ({@code TransactionStore.commit(t, recovery)} then {@code endTransaction}), before anything else runs.
 * Those two methods are package-private, hence reflection; a test reproduces the crash state and checks the repair.
 */
final class H2Recovery {
    private H2Recovery() {}

    static MVStore mvStore(Connection connection) throws SQLException {
        return session(connection).getDatabase().getStore().getMvStore();
    }

    /** Applies and closes every transaction H2 recovered as committed but left open; returns how many. */
    static int finishCommittedLeftovers(Connection connection) throws SQLException {
        TransactionStore store = session(connection).getDatabase().getStore().getTransactionStore();
        List<Transaction> committed = store.getOpenTransactions().stream()
                .filter(t -> t.getStatus() == Transaction.STATUS_COMMITTED)
                .toList();
        if (committed.isEmpty()) {
            return 0;
        }
        try {
            Method commit = TransactionStore.class.getDeclaredMethod("commit", Transaction.class, boolean.class);
            Method end = TransactionStore.class.getDeclaredMethod("endTransaction", Transaction.class, boolean.class);
            commit.setAccessible(true);
            end.setAccessible(true);
            for (Transaction t : committed) {
                commit.invoke(store, t, true);
                end.invoke(store, t, true);
            }
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new SQLException("this H2 version no longer has the methods that finish a committed leftover"
                    + " transaction (" + e + "); the database holds " + committed.size() + " of them", e);
        } catch (InvocationTargetException e) {
            throw new SQLException("finishing a committed leftover transaction failed: " + e.getCause(), e.getCause());
        }
        return committed.size();
    }

    private static SessionLocal session(Connection connection) throws SQLException {
        if (connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal local) {
            return local;
        }
        throw new SQLException("not an embedded H2 connection");
    }
}
