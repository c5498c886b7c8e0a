package slackbot

import "testing"

func TestAdmins(t *testing.T) {
	none := ParseAdmins("")
	if !none.CanAdd("U1") || none.CanRemove("U1") || none.Set() {
		t.Errorf("with no admins everyone may add and nobody may remove")
	}
	var zero Admins
	if !zero.CanAdd("U1") || zero.CanRemove("U1") {
		t.Errorf("the zero Admins: everyone may add and nobody may remove")
	}
	a := ParseAdmins("U024BE7LH, @alice  u0g9qeqh3")
	for user, want := range map[string]bool{"U024BE7LH": true, "alice": true, "@Alice": true, "U0G9QEQH3": true, "U999": false, "": false} {
		if a.CanAdd(user) != want || a.CanRemove(user) != want {
			t.Errorf("user %q: CanAdd %v CanRemove %v; want %v", user, a.CanAdd(user), a.CanRemove(user), want)
		}
	}
}
