package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// The deployment files under deploy/ are not run against a cluster here;
// these tests check that they are consistent and that the command each
// runs is one the CLI accepts, by running it (through its own shell
// wrapper) with a tiny walk count.

// cliWrapper writes a script that runs the CLI in this test binary
// (TestCLIProcess), standing in for the installed binary.
func cliWrapper(t *testing.T) string {
	name := filepath.Join(t.TempDir(), "check")
	script := "#!/bin/sh\nexec " + strconv.Quote(os.Args[0]) + " -test.run='^TestCLIProcess$' -- \"$@\"\n"
	require.NoError(t, os.WriteFile(name, []byte(script), 0o755))
	return name
}

// flagValue returns the value after flag in args, and its index.
func flagValue(t *testing.T, args []string, flag string) (string, int) {
	t.Helper()
	i := slices.Index(args, flag)
	require.True(t, i >= 0 && i+1 < len(args), "the command has %s: %q", flag, args)
	return args[i+1], i + 1
}

type k8sJob struct {
	Kind string `yaml:"kind"`
	Spec struct {
		CompletionMode string `yaml:"completionMode"`
		Completions    int    `yaml:"completions"`
		Template       struct {
			Spec struct {
				RestartPolicy string `yaml:"restartPolicy"`
				Containers    []struct {
					Name         string   `yaml:"name"`
					Command      []string `yaml:"command"`
					Args         []string `yaml:"args"`
					VolumeMounts []struct {
						Name      string `yaml:"name"`
						MountPath string `yaml:"mountPath"`
					} `yaml:"volumeMounts"`
				} `yaml:"containers"`
			} `yaml:"spec"`
		} `yaml:"template"`
	} `yaml:"spec"`
}

func TestKubernetesIndexedJob(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	data, err := os.ReadFile("../../deploy/k8s-indexed-job.yaml")
	require.NoError(t, err)
	var job k8sJob
	require.NoError(t, yaml.Unmarshal(data, &job))
	require.Equal(t, "Job", job.Kind)
	require.Equal(t, "Indexed", job.Spec.CompletionMode, "each pod gets JOB_COMPLETION_INDEX")
	require.Equal(t, "Never", job.Spec.Template.Spec.RestartPolicy)
	require.Len(t, job.Spec.Template.Spec.Containers, 1)
	c := job.Spec.Template.Spec.Containers[0]
	require.Len(t, c.Command, 4, "sh -c <wrapper> check, then the CLI's arguments")
	n := job.Spec.Completions
	count, _ := flagValue(t, c.Args, "-shard")
	require.Equal(t, strconv.Itoa(n), count, "-shard N is the Job's completions")
	report, ri := flagValue(t, c.Args, "-report")
	require.Contains(t, report, "$(JOB_COMPLETION_INDEX)", "one report per pod")
	mount := ""
	for _, m := range c.VolumeMounts {
		if strings.HasPrefix(report, m.MountPath+"/") {
			mount = m.MountPath
		}
	}
	require.NotEmpty(t, mount, "the report goes to a mounted volume")

	// Run the last pod's command: Kubernetes expands $(JOB_COMPLETION_INDEX)
	// in args, and the shell runs the binary, here the test's CLI.
	dir, index := t.TempDir(), strconv.Itoa(n-1)
	args := slices.Clone(c.Args)
	args[ri] = strings.ReplaceAll(strings.Replace(report, mount, dir, 1), "$(JOB_COMPLETION_INDEX)", index)
	_, wi := flagValue(t, args, "-walks")
	args[wi] = "20"
	script := strings.ReplaceAll(c.Command[2], "/opt/protocheck/check", cliWrapper(t))
	require.NotEqual(t, c.Command[2], script, "the wrapper runs the installed binary")
	cmd := exec.Command(sh, append([]string{"-c", script, c.Command[3]}, args...)...)
	cmd.Env = childEnv("JOB_COMPLETION_INDEX=" + index)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "exit 1 and 3 are a finished shard: %s", out)
	sf, err := readShard(args[ri])
	require.NoError(t, err, "%s", out)
	assert.Equal(t, shardID{Index: n - 1, Count: n, IndexFrom: "JOB_COMPLETION_INDEX"}, sf.r.Shard)
	assert.EqualValues(t, 20, sf.r.Walks)

	// Bad usage fails the pod (exit 2: the Job's podFailurePolicy fails the Job).
	cmd = exec.Command(sh, append([]string{"-c", script, c.Command[3]}, append(args, "-bogus")...)...)
	cmd.Env = childEnv("JOB_COMPLETION_INDEX=" + index)
	assert.Equal(t, exitUsage, exitOf(t, cmd.Run()))
}

func TestSlurmArrayScript(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	data, err := os.ReadFile("../../deploy/slurm-array.sh")
	require.NoError(t, err)
	m := regexp.MustCompile(`(?m)^#SBATCH --array=0-(\d+)(%\d+)?$`).FindSubmatch(data)
	require.NotNil(t, m, "the array numbers its tasks from 0")
	last, _ := strconv.Atoi(string(m[1]))
	cpus := regexp.MustCompile(`(?m)^#SBATCH --cpus-per-task=(\d+)$`).FindSubmatch(data)
	require.NotNil(t, cpus)

	// Run the last array task as Slurm would, with the test's CLI.
	dir := t.TempDir()
	cmd := exec.Command(bash, "../../deploy/slurm-array.sh")
	cmd.Env = childEnv("CHECK="+cliWrapper(t), "WALKS=20", "REPORTS="+dir,
		"SLURM_ARRAY_TASK_ID="+strconv.Itoa(last), "SLURM_ARRAY_TASK_COUNT="+strconv.Itoa(last+1),
		"SLURM_CPUS_PER_TASK="+string(cpus[1]))
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "exit 1 and 3 are a finished shard: %s", out)
	sf, err := readShard(filepath.Join(dir, "shard-"+strconv.Itoa(last)+".json"))
	require.NoError(t, err, "%s", out)
	assert.Equal(t, shardID{Index: last, Count: last + 1, IndexFrom: "SLURM_ARRAY_TASK_ID"}, sf.r.Shard)
	assert.EqualValues(t, 20, sf.r.Walks)
	assert.Equal(t, string(cpus[1]), strconv.Itoa(sf.r.Workers))
}
