/* Holds only under weak fairness: Finisher is enabled until it runs, so a
 * weakly fair scheduler must run it; an unfair one may spin forever. */
bool x = false;
bool done = false;

active proctype Spinner() {
	do
	:: x = !x
	od
}

active proctype Finisher() {
	done = true
}

ltl p { <> done }
