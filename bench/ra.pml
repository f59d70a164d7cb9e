/*
 * Ricart and Agrawala's mutual exclusion ("An optimal algorithm for mutual
 * exclusion in computer networks", CACM 24(1), 1981) in Promela: the SPIN
 * side of the ricart-agrawala benchmark. It has the semantics of
 * protocheck's spec/dme/ricartagrawala on the FIFO network, fault-free:
 *
 *   - one FIFO channel per ordered pair of processes (ch[from*N+to]);
 *   - one d_step per handler (a request, an exit, the receipt of the message
 *     at the head of one channel), so no intermediate state is stored;
 *   - the same variables: the phase, Our_Sequence_Number (0 when idle),
 *     Highest_Sequence_Number, Outstanding_Reply_Count, Reply_Deferred (a
 *     bit set), the critical sections done and the messages sent. The
 *     spec's timers are functions of these (want: idle with requests left;
 *     exit: in the critical section), so they need no variables; scratch
 *     variables are hidden (not part of the state vector).
 *
 * It records no history of lock operations: it is the spec with
 * -history off (Config.History false). The catalogue's default, -history
 * on, adds the acquire/release history to the state (a few more states).
 *
 * So SPIN's "states, stored" equals protocheck's distinct-state count for
 * the same N and R (TestSpinStateCount in spec/dme/ricartagrawala, and
 * bench/dme.sh, which times both):
 *
 *   spin -a -DN=3 ra.pml
 *   cc -O2 -DSAFETY -DNOREDUCE -o pan pan.c
 *   ./pan
 *   check run ricart-agrawala -n 3 -network fifo -history off
 *
 * The assertion in the receipt of the last reply is mutual exclusion.
 */
#ifndef N
#define N 3
#endif
#ifndef R
#define R 1
#endif
#define CAP (2 * R)

#define IDLE    0
#define WAITING 1
#define INCS    2

mtype = { REQUEST, REPLY };

byte phase[N];
byte our[N];
byte highest[N];
byte out[N];
byte deferred[N];
byte done[N];
byte sent[N];

chan ch[N * N] = [CAP] of { mtype, byte };

hidden byte j;
hidden byte k;
hidden byte incs;
hidden mtype m;

/* The receipt of the message at the head of the channel from process F. */
#define RECV(F) \
	:: d_step { ch[(F) * N + _pid]?m,k ->                                     \
		if                                                                \
		:: m == REQUEST ->                                                \
			if                                                        \
			:: k > highest[_pid] -> highest[_pid] = k                 \
			:: else -> skip                                           \
			fi;                                                       \
			if                                                        \
			:: phase[_pid] == INCS ||                                 \
			   (phase[_pid] == WAITING &&                             \
			    (our[_pid] < k || (our[_pid] == k && _pid < (F)))) -> \
				deferred[_pid] = deferred[_pid] | (1 << (F))      \
			:: else ->                                                \
				ch[_pid * N + (F)]!REPLY,0;                       \
				sent[_pid]++                                      \
			fi                                                        \
		:: m == REPLY && phase[_pid] == WAITING && out[_pid] > 0 ->       \
			out[_pid]--;                                              \
			if                                                        \
			:: out[_pid] == 0 ->                                      \
				incs = 0;                                         \
				j = 0;                                            \
				do                                                \
				:: j < N -> incs = incs + (phase[j] == INCS); j++ \
				:: else -> break                                  \
				od;                                               \
				assert(incs == 0);                                \
				phase[_pid] = INCS                                \
			:: else -> skip                                           \
			fi                                                        \
		:: else -> skip                                                   \
		fi;                                                               \
		m = 0; k = 0; j = 0; incs = 0                                     \
	}

active [N] proctype node()
{
end:
	do
	/* timeout want: ask for the critical section */
	:: d_step { phase[_pid] == IDLE && done[_pid] < R ->
		phase[_pid] = WAITING;
		our[_pid] = highest[_pid] + 1;
		out[_pid] = N - 1;
		j = 0;
		do
		:: j < N ->
			if
			:: j != _pid -> ch[_pid * N + j]!REQUEST,our[_pid]
			:: else -> skip
			fi;
			j++
		:: else -> break
		od;
		sent[_pid] = sent[_pid] + N - 1;
		j = 0
	}
	/* timeout exit: leave and send the deferred replies */
	:: d_step { phase[_pid] == INCS ->
		phase[_pid] = IDLE;
		our[_pid] = 0;
		done[_pid]++;
		j = 0;
		do
		:: j < N ->
			if
			:: deferred[_pid] & (1 << j) -> ch[_pid * N + j]!REPLY,0; sent[_pid]++
			:: else -> skip
			fi;
			j++
		:: else -> break
		od;
		deferred[_pid] = 0;
		j = 0
	}
	RECV(0)
	RECV(1)
#if N > 2
	RECV(2)
#endif
#if N > 3
	RECV(3)
#endif
#if N > 4
	RECV(4)
#endif
#if N > 5
	RECV(5)
#endif
	od
}
